package health.securevisit.patient.web;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Type;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.RequestBodyAdviceAdapter;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Request bodies of the patient API list exactly their fields: a body with any other field is refused
 * with 400 {@code unknown-field} (the application's mapper ignores unknown fields, so the body is read
 * once more here, strictly). Other malformed bodies are left to the converter's usual 400, and a body
 * over the platform's size limit to its 413.
 */
@ControllerAdvice(assignableTypes = PatientApiController.class)
class StrictBodies extends RequestBodyAdviceAdapter {

    private final JsonMapper mapper;

    StrictBodies(JsonMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    public boolean supports(
            MethodParameter parameter, Type targetType, Class<? extends HttpMessageConverter<?>> converterType) {
        return targetType instanceof Class<?> type && type.getEnclosingClass() == PatientApiController.class;
    }

    @Override
    public HttpInputMessage beforeBodyRead(
            HttpInputMessage input,
            MethodParameter parameter,
            Type targetType,
            Class<? extends HttpMessageConverter<?>> converterType)
            throws IOException {
        byte[] body;
        try (InputStream in = input.getBody()) {
            body = in.readAllBytes();
        } catch (IOException e) {
            throw new HttpMessageNotReadableException("the body could not be read", e, input);
        }
        try {
            mapper.readerFor(mapper.constructType(targetType))
                    .with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .readValue(body);
        } catch (UnrecognizedPropertyException e) {
            throw RefusedRequestException.unknownField();
        } catch (JacksonException e) {
            // malformed: the converter reads it again and answers 400 malformed-body
        }
        HttpHeaders headers = input.getHeaders();
        return new HttpInputMessage() {
            @Override
            public InputStream getBody() {
                return new ByteArrayInputStream(body);
            }

            @Override
            public HttpHeaders getHeaders() {
                return headers;
            }
        };
    }
}
