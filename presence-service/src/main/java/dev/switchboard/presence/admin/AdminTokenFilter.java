package dev.switchboard.presence.admin;

import dev.switchboard.presence.PresenceProperties;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;

/**
 * Guards every {@code /admin/**} request, whichever controller serves it: 503 when no admin token is configured
 * (saying how to enable the API), 401 unless {@code Authorization: Bearer <token>} carries the configured token.
 * Tokens are compared in constant time over their SHA-256 digests, so neither content nor length leaks.
 */
final class AdminTokenFilter extends OncePerRequestFilter {

    private static final String BEARER = "Bearer ";

    private final byte[] expected;
    private final JsonMapper json;

    AdminTokenFilter(PresenceProperties properties, JsonMapper json) {
        this.expected = properties.adminEnabled() ? sha256(properties.adminToken()) : null;
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (expected == null) {
            refuse(response, HttpStatus.SERVICE_UNAVAILABLE, "the admin API is disabled: set "
                    + "switchboard.presence.admin-token (environment SWITCHBOARD_PRESENCE_ADMINTOKEN) to enable it");
            return;
        }
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.startsWith(BEARER)
                || !MessageDigest.isEqual(expected, sha256(header.substring(BEARER.length()).trim()))) {
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
            refuse(response, HttpStatus.UNAUTHORIZED, "missing or wrong admin token: send Authorization: Bearer <token>");
            return;
        }
        chain.doFilter(request, response);
    }

    private void refuse(HttpServletResponse response, HttpStatus status, String message) throws IOException {
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write(json.writeValueAsString(
                Map.of("error", status.getReasonPhrase(), "message", message)));
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
