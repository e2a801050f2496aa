package health.securevisit.visit.web;

import health.securevisit.visit.internal.VisitException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.util.Comparator;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a request body into its record refusing unknown fields (Jackson 3 ignores them by default),
 * then validates it. Errors name fields, never values.
 */
@Component
class StrictJson {

    private final JsonMapper mapper = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();
    private final Validator validator;

    StrictJson(Validator validator) {
        this.validator = validator;
    }

    <T> T read(JsonNode body, Class<T> type) {
        T value;
        try {
            value = mapper.treeToValue(body, type);
        } catch (UnrecognizedPropertyException e) {
            throw VisitException.unknownField();
        } catch (JacksonException e) {
            throw VisitException.invalidRequest("The request body is not valid JSON of the expected shape.");
        }
        if (value == null) {
            throw VisitException.invalidRequest("The request body is missing.");
        }
        Set<ConstraintViolation<T>> violations = validator.validate(value);
        if (!violations.isEmpty()) {
            String fields = violations.stream()
                    .sorted(Comparator.comparing(v -> v.getPropertyPath().toString()))
                    .map(v -> "'" + v.getPropertyPath() + "' " + v.getMessage())
                    .distinct()
                    .collect(Collectors.joining("; "));
            throw VisitException.invalidRequest("Invalid fields: " + fields + ".");
        }
        return value;
    }
}
