package dev.switchboard.presence.admin;

import dev.switchboard.presence.PresenceProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/** Puts the {@link AdminTokenFilter} in front of every path under {@code /admin}. */
@Configuration(proxyBeanMethods = false)
class AdminConfiguration {

    @Bean
    FilterRegistrationBean<AdminTokenFilter> adminTokenFilter(PresenceProperties properties, JsonMapper json) {
        FilterRegistrationBean<AdminTokenFilter> registration =
                new FilterRegistrationBean<>(new AdminTokenFilter(properties, json));
        registration.addUrlPatterns("/admin", "/admin/*");
        registration.setName("adminTokenFilter");
        return registration;
    }
}
