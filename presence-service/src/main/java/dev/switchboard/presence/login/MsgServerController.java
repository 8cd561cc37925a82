package dev.switchboard.presence.login;

import dev.switchboard.presence.PresenceProperties;
import dev.switchboard.store.DrainingGateways;
import dev.switchboard.store.GatewayInfo;
import dev.switchboard.store.PresenceReader;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * TeamTalk login_server's HTTP API (PROTOCOL.md §7.2): any method on {@code /msg_server} answers HTTP 200 with
 * jsoncpp-styled JSON naming the least-loaded gateway, {@code port} as a string, {@code Connection: close}.
 * Load is the connection count each gateway reports with its lease; ties go to the lowest gateway id. Gateways whose
 * lease is current are preferred; when none is (their renewals wait in {@code im.presence} behind a burst of
 * presence events, say a whole company logging in), the registered ones are handed out rather than refusing every
 * login: only presence-service's purge says a gateway is gone (see {@code PresenceReader}). A draining gateway
 * (shutting down, closing its clients over its drain period) is never handed out, though its lease is live.
 */
@RestController
final class MsgServerController {

    private static final MediaType TEXT_HTML_UTF8 = MediaType.parseMediaType("text/html;charset=utf-8");

    private final PresenceReader presence;
    private final DrainingGateways draining;
    private final PresenceProperties properties;

    MsgServerController(PresenceReader presence, DrainingGateways draining, PresenceProperties properties) {
        this.presence = presence;
        this.draining = draining;
        this.properties = properties;
    }

    @RequestMapping({"/msg_server", "/msg_server/**"})
    ResponseEntity<String> msgServer() {
        List<GatewayInfo> registered = presence.registeredGateways()
                .thenCompose(draining::accepting).toCompletableFuture().join();
        long now = System.currentTimeMillis();
        List<GatewayInfo> current = registered.stream().filter(gateway -> gateway.expiresAtMillis() > now).toList();
        List<GatewayInfo> live = current.isEmpty() ? registered : current;
        String body;
        if (live.isEmpty()) {
            body = StyledJson.object().number("code", 1).string("msg", "没有msg_server").build();
        } else {
            body = leastLoaded(live).map(this::success)
                    .orElseGet(() -> StyledJson.object().number("code", 2).string("msg", "负载过高").build());
        }
        return ResponseEntity.ok()
                .header(HttpHeaders.CONNECTION, "close")
                .contentType(TEXT_HTML_UTF8)
                .body(body);
    }

    private static Optional<GatewayInfo> leastLoaded(List<GatewayInfo> live) {
        return live.stream()
                .filter(gateway -> !gateway.full())
                .min(Comparator.comparingInt(GatewayInfo::connections).thenComparing(GatewayInfo::gatewayId));
    }

    private String success(GatewayInfo gateway) {
        return StyledJson.object()
                .string("backupIP", gateway.backupHost().isEmpty() ? gateway.host() : gateway.backupHost())
                .number("code", 0)
                .string("discovery", properties.discovery())
                .string("msfsBackup", properties.msfs())
                .string("msfsPrior", properties.msfs())
                .string("msg", "")
                .string("port", String.valueOf(gateway.port()))
                .string("priorIP", gateway.host())
                .build();
    }
}
