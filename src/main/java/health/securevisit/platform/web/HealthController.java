package health.securevisit.platform.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
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

    HealthController(DataSource dataSource) {
        this.dataSource = dataSource;
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
    @Operation(summary = "Readiness: the server can serve requests, database included (503 when not)")
    ResponseEntity<Health> readiness() {
        boolean databaseUp;
        try (Connection connection = dataSource.getConnection()) {
            databaseUp = connection.isValid(2);
        } catch (SQLException e) {
            databaseUp = false;
        }
        return databaseUp
                ? ResponseEntity.ok(Health.UP)
                : ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).body(Health.DOWN);
    }
}
