package health.securevisit.platform.internal;

import health.securevisit.platform.RequestBodyLimit;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.util.AntPathMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses request bodies over the configured limit with 413 before anything reads them: at once
 * when Content-Length says so, and while reading when the body is chunked. An endpoint with a
 * {@link RequestBodyLimit} of its own (same method, same path) gets that limit instead.
 */
final class BodySizeLimitFilter extends OncePerRequestFilter {

    private final long defaultLimit;
    private final List<RequestBodyLimit> endpoints;
    private final ProblemWriter problems;
    private final AntPathMatcher paths = new AntPathMatcher();

    BodySizeLimitFilter(long limit, List<RequestBodyLimit> endpoints, ProblemWriter problems) {
        this.defaultLimit = limit;
        this.endpoints = List.copyOf(endpoints);
        this.problems = problems;
    }

    /** The limit of this request: an endpoint's own ({@link RequestBodyLimit}), else the default. */
    private long limit(HttpServletRequest request) {
        for (RequestBodyLimit e : endpoints) {
            if (e.method().equalsIgnoreCase(request.getMethod())
                    && paths.match(e.pathPattern(), request.getRequestURI())) {
                return e.limit().toBytes();
            }
        }
        return defaultLimit;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long limit = limit(request);
        if (request.getContentLengthLong() > limit) {
            problems.write(request, response, PayloadTooLargeException.problem(limit));
            return;
        }
        chain.doFilter(new Limited(request, limit), response);
    }

    private static final class Limited extends HttpServletRequestWrapper {
        private final long limit;
        private ServletInputStream stream;

        Limited(HttpServletRequest request, long limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new CountingStream(super.getInputStream(), limit);
            }
            return stream;
        }
    }

    private static final class CountingStream extends ServletInputStream {
        private final ServletInputStream in;
        private final long limit;
        private long count;

        CountingStream(ServletInputStream in, long limit) {
            this.in = in;
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) throws PayloadTooLargeException {
            count += n;
            if (count > limit) {
                throw new PayloadTooLargeException(limit);
            }
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }
    }
}
