package health.securevisit.platform.web;

import health.securevisit.platform.internal.ProblemWriter;
import health.securevisit.platform.internal.Problems;
import health.securevisit.platform.internal.SecurityHeaders;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The container's error page: any error that escaped Spring MVC (a filter, the container itself) is
 * answered with a generic problem+json for its status, never an HTML page or a stack trace. Asked for
 * directly, with any method, {@code /error} is a path like any unknown one: 404 {@code not-found}.
 */
@RestController
class ProblemErrorController implements ErrorController {

    private final ProblemWriter problems;

    ProblemErrorController(ProblemWriter problems) {
        this.problems = problems;
    }

    @RequestMapping("/error")
    ResponseEntity<Object> error(HttpServletRequest request, HttpServletResponse response) {
        SecurityHeaders.applyIfMissing(response);
        if (request.getDispatcherType() != DispatcherType.ERROR) {
            return problems.answer(Problems.forStatus(404), request);
        }
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer i && i >= 400 ? i : 500;
        return problems.answer(Problems.forStatus(status), request);
    }
}
