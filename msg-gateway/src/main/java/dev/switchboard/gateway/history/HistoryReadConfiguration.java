package dev.switchboard.gateway.history;

import dev.switchboard.database.MessageArchive;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

import javax.sql.DataSource;
import java.time.Duration;

/**
 * Reads of history beyond Redis's cache go to PostgreSQL ({@code spring.datasource.*}, which may name a read
 * replica: a gateway only reads). Each query is cut after {@link #QUERY_TIMEOUT} by PostgreSQL itself, and the
 * client's answer never waits longer than {@link #READ_TIMEOUT} for it.
 */
@Configuration(proxyBeanMethods = false)
class HistoryReadConfiguration {

    static final Duration QUERY_TIMEOUT = Duration.ofSeconds(2);
    static final Duration READ_TIMEOUT = Duration.ofSeconds(3);

    @Bean(destroyMethod = "close")
    PostgresHistory coldHistory(DataSource dataSource, MeterRegistry meters) {
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        jdbc.setQueryTimeout((int) QUERY_TIMEOUT.toSeconds());
        return new PostgresHistory(new MessageArchive(JdbcClient.create(jdbc)), READ_TIMEOUT, 4, 256, meters);
    }
}
