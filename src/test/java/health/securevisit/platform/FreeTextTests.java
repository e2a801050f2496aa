package health.securevisit.platform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FreeTextTests {

    @Test
    void normalisesToNfc() {
        String decomposed = "Jose\u0301";
        assertThat(FreeText.normalized(decomposed)).contains("Jos\u00e9");
        assertThat(FreeText.normalized("Ada Lovelace")).contains("Ada Lovelace");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "\u202A", "\u202B", "\u202C", "\u202D", "\u202E", "\u2066", "\u2067", "\u2068", "\u2069", "\u200B",
                "\u200C", "\u200D", "\u2060", "\uFEFF"
            })
    void refusesBidiControlsAndZeroWidthCharacters(String hidden) {
        assertThat(FreeText.normalized("Ada" + hidden + "Lovelace")).isEmpty();
        assertThat(FreeText.hasHiddenControls(hidden)).isTrue();
    }

    @Test
    void countsVisibleCharactersOnly() {
        assertThat(FreeText.visibleLength("abc")).isEqualTo(3);
        assertThat(FreeText.visibleLength("  a b\tc\u00a0\u3000 ")).isEqualTo(3);
        assertThat(FreeText.visibleLength("a\u00ad\u0007b")).isEqualTo(2);
        assertThat(FreeText.visibleLength("\uD83D\uDE91")).isEqualTo(1);
        assertThat(FreeText.visibleLength("")).isZero();
    }
}
