package health.securevisit.support;

import health.securevisit.keys.BlobStore;
import java.io.IOException;
import java.lang.reflect.Modifier;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.aopalliance.intercept.MethodInterceptor;
import org.springframework.aop.framework.ProxyFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.stereotype.Component;

/**
 * Test support: wraps the server's {@link BlobStore} and counts, per blob, how many ciphertext bytes
 * were read and from which lowest position, so tests can show which segments a read decrypted.
 */
@Component
public class CountedBlobReads implements BeanPostProcessor {

    /** Reads of one blob: bytes read, and the lowest position any read started at. */
    public record Reads(AtomicLong bytes, AtomicLong lowest) {}

    private final Map<String, Reads> reads = new ConcurrentHashMap<>();

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (!(bean instanceof BlobStore)) {
            return bean;
        }
        ProxyFactory proxy = new ProxyFactory(bean);
        proxy.setProxyTargetClass(!Modifier.isFinal(bean.getClass().getModifiers()));
        proxy.addInterface(BlobStore.class);
        proxy.addAdvice((MethodInterceptor) invocation -> {
            Object result = invocation.proceed();
            if (invocation.getMethod().getName().equals("open")
                    && result instanceof SeekableByteChannel channel
                    && invocation.getArguments()[0] instanceof String name) {
                return new Counting(
                        channel,
                        reads.computeIfAbsent(name, n -> new Reads(new AtomicLong(), new AtomicLong(Long.MAX_VALUE))));
            }
            return result;
        });
        return proxy.getProxy(bean.getClass().getClassLoader());
    }

    /** The reads of blobs whose name starts with {@code prefix} since the last {@link #clear()}. */
    public Map<String, Reads> of(String prefix) {
        Map<String, Reads> out = new java.util.TreeMap<>();
        reads.forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                out.put(k, v);
            }
        });
        return out;
    }

    public void clear() {
        reads.clear();
    }

    private static final class Counting implements SeekableByteChannel {
        private final SeekableByteChannel in;
        private final Reads reads;

        Counting(SeekableByteChannel in, Reads reads) {
            this.in = in;
            this.reads = reads;
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            long at = in.position();
            int n = in.read(dst);
            if (n > 0) {
                reads.bytes().addAndGet(n);
                reads.lowest().accumulateAndGet(at, Math::min);
            }
            return n;
        }

        @Override
        public int write(ByteBuffer src) throws IOException {
            return in.write(src);
        }

        @Override
        public long position() throws IOException {
            return in.position();
        }

        @Override
        public SeekableByteChannel position(long p) throws IOException {
            in.position(p);
            return this;
        }

        @Override
        public long size() throws IOException {
            return in.size();
        }

        @Override
        public SeekableByteChannel truncate(long size) throws IOException {
            in.truncate(size);
            return this;
        }

        @Override
        public boolean isOpen() {
            return in.isOpen();
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
