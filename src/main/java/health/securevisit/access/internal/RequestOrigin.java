package health.securevisit.access.internal;

import health.securevisit.platform.internal.RequestIdFilter;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/** Where the current request comes from: the client address and the request id (null outside a request). */
record RequestOrigin(@Nullable String address, @Nullable String requestId) {

    static RequestOrigin current() {
        RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
        if (!(attributes instanceof ServletRequestAttributes servlet)) {
            return new RequestOrigin(null, MDC.get(RequestIdFilter.MDC_KEY));
        }
        Object id = servlet.getRequest().getAttribute(RequestIdFilter.ATTRIBUTE);
        return new RequestOrigin(
                servlet.getRequest().getRemoteAddr(), id instanceof String s ? s : MDC.get(RequestIdFilter.MDC_KEY));
    }
}
