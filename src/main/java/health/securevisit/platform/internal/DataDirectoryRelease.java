package health.securevisit.platform.internal;

import health.securevisit.platform.PlatformSettings;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.stereotype.Component;

/** Releases the data directory lock when the application context closes. */
@Component
class DataDirectoryRelease implements ApplicationListener<ContextClosedEvent> {

    private final PlatformSettings settings;

    DataDirectoryRelease(PlatformSettings settings) {
        this.settings = settings;
    }

    @Override
    public void onApplicationEvent(ContextClosedEvent event) {
        DataDirectory.release(settings.dataDir());
    }
}
