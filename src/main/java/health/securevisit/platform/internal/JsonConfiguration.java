package health.securevisit.platform.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.http.converter.autoconfigure.ServerHttpMessageConvertersCustomizer;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.ResolvableType;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpOutputMessage;
import org.springframework.http.converter.HttpMessageNotWritableException;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.cfg.EnumFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.type.LogicalType;

/**
 * The one JSON mapper and the one JSON message converter of the application.
 *
 * <p>The mapper reads request bodies strictly, for every endpoint: a field the target does not
 * declare, a key given twice, a value of the wrong type (no number into a string, no string into a
 * number, no float into an integer, no single value as an array), {@code null} for a primitive and
 * trailing content are all refused; {@code ProblemAdvice} answers 400 {@code unknown-field} for the
 * first and 400 {@code invalid-body} for the others.
 *
 * <p>The converter serializes each JSON answer into a buffer first and sends it with its
 * {@code Content-Length}: an answer flushed without one is chunked, and the chunked end costs the
 * connection a second TLS record and write. This is the only place that sets the length of a JSON
 * answer.
 */
@Configuration(proxyBeanMethods = false)
class JsonConfiguration {

    @Bean
    JsonMapperBuilderCustomizer strictRequestBodies() {
        return builder -> builder.enable(
                        DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES,
                        DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES,
                        DeserializationFeature.FAIL_ON_TRAILING_TOKENS,
                        DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
                .enable(EnumFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .disable(
                        DeserializationFeature.ACCEPT_FLOAT_AS_INT, DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .withCoercionConfigDefaults(config -> {
                    for (CoercionInputShape shape : new CoercionInputShape[] {
                        CoercionInputShape.Integer,
                        CoercionInputShape.Float,
                        CoercionInputShape.Boolean,
                        CoercionInputShape.EmptyString,
                        CoercionInputShape.EmptyArray,
                        CoercionInputShape.EmptyObject
                    }) {
                        config.setCoercion(shape, CoercionAction.Fail);
                    }
                })
                .withCoercionConfig(
                        LogicalType.Textual,
                        config -> config.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail));
    }

    /** Registered after Spring Boot's own customizer, whose JSON converter it replaces. */
    @Bean
    @Order(Ordered.LOWEST_PRECEDENCE)
    ServerHttpMessageConvertersCustomizer jsonWithLength(JsonMapper mapper) {
        return builder -> builder.withJsonConverter(new LengthJsonConverter(mapper));
    }

    /** Spring's Jackson converter, with every answer buffered and sent with its length. */
    static final class LengthJsonConverter extends JacksonJsonHttpMessageConverter {

        LengthJsonConverter(JsonMapper mapper) {
            super(mapper);
        }

        @Override
        protected void writeInternal(
                Object object, ResolvableType type, HttpOutputMessage output, @Nullable Map<String, Object> hints)
                throws IOException, HttpMessageNotWritableException {
            Buffered buffered = new Buffered(output.getHeaders());
            super.writeInternal(object, type, buffered, hints);
            output.getHeaders().setContentLength(buffered.body.size());
            buffered.body.writeTo(output.getBody());
        }
    }

    /** An output message whose body is a buffer; its headers are those of the real answer. */
    private record Buffered(HttpHeaders headers, ByteArrayOutputStream body) implements HttpOutputMessage {

        Buffered(HttpHeaders headers) {
            this(headers, new ByteArrayOutputStream(512));
        }

        @Override
        public OutputStream getBody() {
            return body;
        }

        @Override
        public HttpHeaders getHeaders() {
            return headers;
        }
    }
}
