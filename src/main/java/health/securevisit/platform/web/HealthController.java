package health.securevisit.platform.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Health for load balancers and monitors, open without login. It says UP or DOWN and nothing else:
 * no versions, components, host names or errors.
 */
@RestController
@RequestMapping(path = "/api/v1/health", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "health")
class HealthController {

    record Health(String status) {
        static final Health UP = new Health("UP");
        static final Health DOWN = new Health("DOWN");
    }

    private final DataSource dataSource;
    private final @Nullable StringRedisTemplate redis;

    HealthController(DataSource dataSource, ObjectProvider<StringRedisTemplate> redis) {
        this.dataSource = dataSource;
        this.redis = redis.getIfAvailable(); // cluster mode with Redis only (docs/cluster.md)
    }

    @GetMapping
    @Operation(summary = "Liveness: the server process answers")
    Health health() {
        return Health.UP;
    }

    @GetMapping("/liveness")
    @Operation(summary = "Liveness: the server process answers")
    Health liveness() {
        return Health.UP;
    }

    @GetMapping("/readiness")
    @Operation(
            summary = "Readiness: the server can serve requests, database (and Redis in cluster mode) included"
                    + " (503 when not)")
    ResponseEntity<Health> readiness() {
        boolean databaseUp;
        try (Connection connection = dataSource.getConnection()) {
            databaseUp = connection.isValid(2);
        } catch (SQLException e) {
            databaseUp = false;
        }
        return databaseUp && redisUp()
                ? ResponseEntity.ok(Health.UP)
                : ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).body(Health.DOWN);
    }

    private boolean redisUp() {
        StringRedisTemplate r = redis;
        if (r == null) {
            return true;
        }
        try {
            return "PONG".equals(r.execute(RedisConnection::ping, true));
        } catch (DataAccessException | IllegalStateException e) {
            return false;
        }
    }
}
