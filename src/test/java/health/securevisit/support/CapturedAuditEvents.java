package health.securevisit.support;

import health.securevisit.audit.AuditEvent;
import health.securevisit.audit.AuditTrail;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.aopalliance.intercept.MethodInterceptor;
import org.springframework.aop.framework.ProxyFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.stereotype.Component;

/**
 * Test support: wraps whatever {@link AuditTrail} bean the server has (interim or the real audit
 * module) and keeps the events it recorded successfully, so tests can assert what was audited.
 */
@Component
public class CapturedAuditEvents implements BeanPostProcessor {

    private final List<AuditEvent> events = new CopyOnWriteArrayList<>();

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (!(bean instanceof AuditTrail)) {
            return bean;
        }
        ProxyFactory proxy = new ProxyFactory(bean);
        proxy.setProxyTargetClass(!Modifier.isFinal(bean.getClass().getModifiers()));
        proxy.addInterface(AuditTrail.class);
        proxy.addAdvice((MethodInterceptor) invocation -> {
            Object result = invocation.proceed();
            if (invocation.getMethod().getName().equals("record")
                    && invocation.getArguments().length == 1
                    && invocation.getArguments()[0] instanceof AuditEvent event) {
                events.add(event);
            }
            return result;
        });
        return proxy.getProxy(bean.getClass().getClassLoader());
    }

    public List<AuditEvent> events() {
        return List.copyOf(events);
    }

    public List<AuditEvent> matching(Predicate<AuditEvent> filter) {
        return events.stream().filter(filter).toList();
    }
}
