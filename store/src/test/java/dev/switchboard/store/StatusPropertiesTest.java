package dev.switchboard.store;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class StatusPropertiesTest {

    @Test
    void readsTheStatusModeSharedByGatewayAndPresenceService() {
        assertThat(bind(Map.of("switchboard.status-mode", "accurate")).statusMode()).isEqualTo(StatusMode.ACCURATE);
        assertThat(bind(Map.of("switchboard.gateway.id", "gw-0")).statusMode()).isEqualTo(StatusMode.TEAMTALK);
    }

    private static StatusProperties bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate("switchboard", StatusProperties.class);
    }
}
