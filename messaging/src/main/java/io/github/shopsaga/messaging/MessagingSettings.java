package io.github.shopsaga.messaging;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the messaging module, under {@code shop.messaging}.
 *
 * @param partitions partitions of each saga topic and its dead-letter topic
 * @param replicationFactor replicas of each topic (1 for a single broker)
 * @param outboxPollInterval how often the outbox is swept when no commit wakes the publisher (rows
 *     of another instance, or left over by a crash)
 * @param outboxBatchSize rows published per batch
 * @param outboxSendTimeout how long a batch waits for the broker's acknowledgements
 * @param retryAttempts how often a failed record is retried before it goes to the dead-letter topic
 * @param retryInitialInterval the first retry's delay, doubled for each further one
 * @param inboxRetention how long the ids of processed events are remembered
 */
@ConfigurationProperties("shop.messaging")
public record MessagingSettings(
    @DefaultValue("6") int partitions,
    @DefaultValue("1") short replicationFactor,
    @DefaultValue("500ms") Duration outboxPollInterval,
    @DefaultValue("500") int outboxBatchSize,
    @DefaultValue("20s") Duration outboxSendTimeout,
    @DefaultValue("3") int retryAttempts,
    @DefaultValue("200ms") Duration retryInitialInterval,
    @DefaultValue("7d") Duration inboxRetention) {}
