package dev.switchboard.deploy;

import com.marcnuri.helm.LintResult;
import dev.switchboard.gateway.GatewayTlsProperties;
import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1PodSpec;
import io.kubernetes.client.openapi.models.V1Volume;
import io.kubernetes.client.openapi.models.V1VolumeMount;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** gateway.tls: the client port's certificate Secret mounted whole and handed to the gateway as its TLS settings. */
class GatewayTlsChartTest {

    private static final String SECRET = "chat-gateway-tls";

    @TempDir
    Path work;

    @Test
    void byDefaultTheClientPortIsPlainTcpAndNoCertificateIsMounted() {
        RenderedChart chart = Chart.render();

        GatewayTlsProperties tls = Pods.gateway(chart, 0).bind("switchboard.gateway.tls", GatewayTlsProperties.class);

        assertThat(tls.enabled()).isFalse();
        assertThat(pod(chart).getVolumes()).noneMatch(volume -> volume.getName().equals("client-tls"));
    }

    @Test
    void withTlsEachGatewayReadsTheCertificateAndKeyFromTheMountedSecret() {
        RenderedChart chart = Chart.render("gateway-tls");
        PodConfig gateway = Pods.gateway(chart, 1, Map.of(SECRET,
                Map.of("tls.crt", "pem", "tls.key", "pem", "key-password", "s3cret")));

        GatewayTlsProperties tls = gateway.bind("switchboard.gateway.tls", GatewayTlsProperties.class);

        assertThat(tls.enabled()).isTrue();
        assertThat(tls.certificate()).isEqualTo(Path.of("/etc/switchboard/client-tls/tls.crt"));
        assertThat(tls.privateKey()).isEqualTo(Path.of("/etc/switchboard/client-tls/tls.key"));
        assertThat(tls.privateKeyPassword()).isEqualTo("s3cret");
        assertThat(tls.reloadInterval()).isEqualTo(Duration.ofMinutes(1));
        assertThat(tls.handshakeTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(tls.protocols()).containsExactly("TLSv1.3", "TLSv1.2");
        V1Container container = pod(chart).getContainers().get(0);
        V1VolumeMount mount = container.getVolumeMounts().stream()
                .filter(candidate -> tls.certificate().startsWith(candidate.getMountPath())).findFirst().orElseThrow();
        assertThat(mount.getSubPath()).as("a subPath mount never sees a renewed certificate").isNull();
        assertThat(mount.getReadOnly()).isTrue();
        V1Volume volume = pod(chart).getVolumes().stream()
                .filter(candidate -> candidate.getName().equals(mount.getName())).findFirst().orElseThrow();
        assertThat(volume.getSecret().getSecretName()).isEqualTo(SECRET);
        assertThat(volume.getSecret().getItems()).as("every key of the Secret, under its own name").isNullOrEmpty();
    }

    @Test
    void theTlsValuesLintCleanAndTlsWithoutASecretIsRefused() {
        LintResult lint = Chart.lint(work, "gateway-tls");

        assertThat(lint.isFailed()).as(String.join("\n", lint.getMessages())).isFalse();
        assertThat(lint.getMessages()).noneMatch(message -> message.contains("[ERROR]") || message.contains("[WARNING]"));
        assertThatThrownBy(() -> Chart.template("invalid/gateway-tls-without-secret"))
                .hasMessageContaining("gateway.tls.enabled needs gateway.tls.secretName");
    }

    private static V1PodSpec pod(RenderedChart chart) {
        return chart.statefulSet(Chart.GATEWAYS).getSpec().getTemplate().getSpec();
    }
}
