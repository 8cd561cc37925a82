package dev.switchboard.store;

import io.lettuce.core.metrics.CommandLatencyRecorder;
import io.lettuce.core.metrics.MicrometerCommandLatencyRecorder;
import io.lettuce.core.metrics.MicrometerOptions;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.config.MeterFilterReply;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;

import java.time.Duration;
import java.util.stream.Stream;

/**
 * Redis command latency on a service's meter registry, through Lettuce's own Micrometer recorder as Spring Boot sets
 * it up for its Redis client: the timer {@code lettuce.command.completion{command}} (command sent to reply complete).
 * This filter makes it a histogram of fixed buckets ({@link #BUCKETS}, 100 us to 1 s: about 14 series per command
 * instead of Micrometer's ~70 percentile buckets), so Prometheus computes quantiles across instances with
 * {@code histogram_quantile}, and drops Lettuce's {@code lettuce.command.firstresponse} timer, which says the same for
 * the single-reply commands Switchboard sends.
 */
final class RedisCommandLatency implements MeterFilter {

    static final String COMPLETION = "lettuce.command.completion";
    static final String FIRST_RESPONSE = "lettuce.command.firstresponse";
    static final Duration[] BUCKETS = Stream.of(100, 250, 500, 1_000, 2_500, 5_000, 10_000, 25_000, 50_000, 100_000,
            250_000, 500_000, 1_000_000).map(micros -> Duration.ofNanos(micros * 1_000L)).toArray(Duration[]::new);

    /** Lettuce's recorder with Lettuce's (and Boot's) default options, writing to {@code registry}. */
    static CommandLatencyRecorder recorder(MeterRegistry registry) {
        return new MicrometerCommandLatencyRecorder(registry, MicrometerOptions.create());
    }

    @Override
    public MeterFilterReply accept(Meter.Id id) {
        return FIRST_RESPONSE.equals(id.getName()) ? MeterFilterReply.DENY : MeterFilterReply.NEUTRAL;
    }

    @Override
    public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
        if (!COMPLETION.equals(id.getName())) {
            return config;
        }
        return DistributionStatisticConfig.builder()
                .percentilesHistogram(false)
                .percentiles()
                .serviceLevelObjectives(Stream.of(BUCKETS).mapToDouble(Duration::toNanos).toArray())
                .build()
                .merge(config);
    }
}
