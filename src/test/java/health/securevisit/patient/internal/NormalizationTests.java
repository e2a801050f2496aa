package health.securevisit.patient.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class NormalizationTests {

    @Test
    void textDropsAccentsCaseAndPunctuationAndCollapsesSpaces() {
        assertThat(Normalization.text("  José  ÉMILE\tO'Brien-Smith, Jr. ")).isEqualTo("jose emile o brien smith jr");
        assertThat(Normalization.text("Zoë Ångström")).isEqualTo("zoe angstrom");
        assertThat(Normalization.text("ＡＢＣ　ｄｅｆ")).isEqualTo("abc def"); // full-width forms (NFKD)
        assertThat(Normalization.text("İstanbul")).isEqualTo("istanbul");
        assertThat(Normalization.text("Nguyễn Thị")).isEqualTo("nguyen thi");
        assertThat(Normalization.text("12, Rue de l'Église")).isEqualTo("12 rue de l eglise");
        assertThat(Normalization.text("!!! ...")).isEmpty();
    }

    @Test
    void wordsAreDistinctNormalisedWordsInOrder() {
        assertThat(Normalization.words("Anna-Maria  ANNA  de la Cruz"))
                .containsExactly("anna", "maria", "de", "la", "cruz");
        assertThat(Normalization.words(" - ")).isEmpty();
    }

    @Test
    void phoneKeepsDigitsOnlyIncludingTheCountryCodeAsEntered() {
        assertThat(Normalization.phone("+1 (555) 010-2030")).isEqualTo("15550102030");
        assertThat(Normalization.phone("555.010.2030")).isEqualTo("5550102030");
        assertThat(Normalization.phone("+44 20 7946 0000")).isEqualTo("442079460000");
    }

    @Test
    void mrnIsTrimmedAndUpperCaseAndDatesAreIso() {
        assertThat(Normalization.mrn("  ab-12c ")).isEqualTo("AB-12C");
        assertThat(Normalization.date(LocalDate.of(1980, 2, 29))).isEqualTo("1980-02-29");
    }
}
