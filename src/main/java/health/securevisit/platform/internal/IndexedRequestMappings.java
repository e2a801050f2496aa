package health.securevisit.platform.internal;

import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.webmvc.autoconfigure.WebMvcRegistrations;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.cors.CorsUtils;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.pattern.PathPattern;

/**
 * Spring MVC's request mapping, with the candidates for a path with variables narrowed first.
 *
 * <p>For a path that is not a fixed mapping (for example {@code /api/v1/visits/{id}/chart}) Spring
 * tries every mapping of the application, about 90, on every request; that was a tenth of the CPU
 * of an audited chart read. Here the mappings with variables are indexed by their first three path
 * segments when those are plain literals, and a request is matched against the mappings of its own
 * first three segments plus those whose first segments hold variables or wildcards. The result is
 * the one Spring would find: whenever the narrowed search finds nothing, finds two equally good
 * mappings, or the path is unusual (percent-encoded, matrix variables, a CORS pre-flight, a fixed
 * path), Spring's own full lookup decides, with its own errors.
 */
@Configuration(proxyBeanMethods = false)
class IndexedRequestMappings {

    static final int KEY_SEGMENTS = 3;

    @Bean
    WebMvcRegistrations indexedRequestMappingRegistrations() {
        return new WebMvcRegistrations() {
            @Override
            public RequestMappingHandlerMapping getRequestMappingHandlerMapping() {
                return new Mapping();
            }
        };
    }

    /** The request mapping with the narrowed lookup. */
    static final class Mapping extends RequestMappingHandlerMapping {

        /** The mappings with variables by key, those that no key can narrow, and the fixed paths. */
        record Index(
                Map<String, List<RequestMappingInfo>> byKey,
                List<RequestMappingInfo> always,
                Set<String> fixedPaths,
                Map<RequestMappingInfo, HandlerMethod> handlers) {}

        private volatile @Nullable Index index;

        @Override
        public void registerMapping(RequestMappingInfo mapping, Object handler, Method method) {
            super.registerMapping(mapping, handler, method);
            index = null;
        }

        @Override
        public void unregisterMapping(RequestMappingInfo mapping) {
            super.unregisterMapping(mapping);
            index = null;
        }

        @Override
        protected @Nullable HandlerMethod lookupHandlerMethod(String lookupPath, HttpServletRequest request)
                throws Exception {
            Index current = index();
            if (!narrowable(lookupPath)
                    || current.fixedPaths().contains(lookupPath)
                    || CorsUtils.isPreFlightRequest(request)) {
                return super.lookupHandlerMethod(lookupPath, request);
            }
            String key = key(lookupPath);
            List<RequestMappingInfo> candidates =
                    key == null ? List.of() : current.byKey().getOrDefault(key, List.of());
            List<RequestMappingInfo[]> matches = new ArrayList<>(2); // {matched condition, registered mapping}
            for (List<RequestMappingInfo> group : List.of(candidates, current.always())) {
                for (RequestMappingInfo info : group) {
                    RequestMappingInfo matched = getMatchingMapping(info, request);
                    if (matched != null) {
                        matches.add(new RequestMappingInfo[] {matched, info});
                    }
                }
            }
            if (matches.isEmpty()) {
                return super.lookupHandlerMethod(lookupPath, request); // Spring's 404, 405, 406 and 415
            }
            if (matches.size() > 1) {
                Comparator<RequestMappingInfo> comparator = getMappingComparator(request);
                matches.sort((a, b) -> comparator.compare(a[0], b[0]));
                if (comparator.compare(matches.get(0)[0], matches.get(1)[0]) == 0) {
                    return super.lookupHandlerMethod(lookupPath, request); // Spring reports the ambiguity
                }
            }
            HandlerMethod handler = current.handlers().get(matches.get(0)[1]);
            if (handler == null) {
                return super.lookupHandlerMethod(lookupPath, request);
            }
            request.setAttribute(HandlerMapping.BEST_MATCHING_HANDLER_ATTRIBUTE, handler);
            handleMatch(matches.get(0)[0], lookupPath, request);
            return handler;
        }

        private Index index() {
            Index current = index;
            if (current == null) {
                current = build(getHandlerMethods());
                index = current;
            }
            return current;
        }

        static Index build(Map<RequestMappingInfo, HandlerMethod> handlers) {
            Map<String, Set<RequestMappingInfo>> byKey = new HashMap<>();
            Set<RequestMappingInfo> always = new LinkedHashSet<>();
            Set<String> fixedPaths = new HashSet<>();
            for (RequestMappingInfo info : handlers.keySet()) {
                fixedPaths.addAll(info.getDirectPaths());
                if (info.getPathPatternsCondition() == null) {
                    always.add(info); // an AntPathMatcher mapping: not narrowed
                    continue;
                }
                for (PathPattern pattern : info.getPathPatternsCondition().getPatterns()) {
                    String text = pattern.getPatternString();
                    if (!hasVariables(text)) {
                        continue; // a fixed path, found through fixedPaths by Spring itself
                    }
                    String key = literalKey(text);
                    if (key == null) {
                        always.add(info);
                    } else {
                        byKey.computeIfAbsent(key, k -> new LinkedHashSet<>()).add(info);
                    }
                }
            }
            Map<String, List<RequestMappingInfo>> lists = new HashMap<>();
            byKey.forEach((k, v) -> lists.put(k, List.copyOf(v)));
            return new Index(Map.copyOf(lists), List.copyOf(always), Set.copyOf(fixedPaths), Map.copyOf(handlers));
        }

        private static boolean hasVariables(String pattern) {
            return pattern.indexOf('{') >= 0 || pattern.indexOf('*') >= 0 || pattern.indexOf('?') >= 0;
        }

        /** The first three segments of a pattern if they are plain literals, else null. */
        static @Nullable String literalKey(String pattern) {
            String key = key(pattern);
            return key == null || hasVariables(key) ? null : key;
        }

        /** The first three segments of a path ({@code /a/b/c} of {@code /a/b/c/d}), or null if fewer. */
        static @Nullable String key(String path) {
            int end = 0;
            for (int i = 0; i < KEY_SEGMENTS; i++) {
                end = path.indexOf('/', end + 1);
                if (end < 0) {
                    return i == KEY_SEGMENTS - 1 && path.length() > 1 ? path : null;
                }
            }
            return path.substring(0, end);
        }

        /** Paths whose segments PathPattern would match differently from their raw text go to Spring. */
        private static boolean narrowable(String path) {
            return path.startsWith("/") && path.indexOf('%') < 0 && path.indexOf(';') < 0 && !path.contains("//");
        }
    }
}
