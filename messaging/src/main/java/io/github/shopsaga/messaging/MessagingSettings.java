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
 * @param outboxBatchSize the most rows published per round (a round takes what is pending, so it
 *     grows with the load)
 * @param outboxDeleteInterval how long acknowledged rows may wait to be deleted together: one
 *     delete per interval (or per full batch, or when the publisher runs out of work) instead of
 *     one transaction per round; a crash within it sends those rows once more, and the consumers'
 *     inbox drops them
 * @param outboxSendTimeout how long a round waits for the broker's acknowledgements
 * @param retryAttempts how often a failed record is retried before it goes to the dead-letter topic
 * @param retryInitialInterval the first retry's delay, doubled for each further one
 * @param inboxRetention how long the ids of processed events are remembered: longer than anything
 *     can still redeliver an event (an uncommitted offset, a rebalance, an outbox row sent again
 *     when its service comes back after a crash), short enough that a day under load does not fill
 *     the disk. Beyond it, the services' own keys (one reservation, one payment, one e-mail per
 *     order) still make an old replayed event harmless.
 * @param inboxPruneInterval how often ids past their retention are deleted
 * @param inboxPruneBatchSize ids deleted per statement, so that pruning never holds many locks
 * @param catchUpPoll how long a listener's consumer waits, when a poll found it behind, for the
 *     records that arrived while it applied its previous batch ({@link CatchUpPoll}); zero turns
 *     the second poll off. Costs a batch of two or more records up to this long; a lone record
 *     never waits for it
 */
@ConfigurationProperties("shop.messaging")
public record MessagingSettings(
    @DefaultValue("6") int partitions,
    @DefaultValue("1") short replicationFactor,
    @DefaultValue("500ms") Duration outboxPollInterval,
    @DefaultValue("500") int outboxBatchSize,
    @DefaultValue("1s") Duration outboxDeleteInterval,
    @DefaultValue("20s") Duration outboxSendTimeout,
    @DefaultValue("3") int retryAttempts,
    @DefaultValue("200ms") Duration retryInitialInterval,
    @DefaultValue("6h") Duration inboxRetention,
    @DefaultValue("1m") Duration inboxPruneInterval,
    @DefaultValue("10000") int inboxPruneBatchSize,
    @DefaultValue("2ms") Duration catchUpPoll) {}
