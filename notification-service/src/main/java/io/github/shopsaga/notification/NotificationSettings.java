package io.github.shopsaga.notification;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the e-mails, under {@code shop.notification}.
 *
 * @param from the sender address of every e-mail
 * @param pollInterval how often due e-mails are looked for when no commit wakes the dispatcher (a
 *     retry falling due, rows of another instance, rows left over by a crash)
 * @param batchSize the most e-mails sent per round
 * @param claimTimeout how long a claimed e-mail is left to its dispatcher before another may send
 *     it; longer than the SMTP timeouts, so only a crashed dispatcher's claim runs out
 * @param firstRetryDelay delay after the first failed attempt, doubled after each further one
 * @param maxRetryDelay upper bound of the delay between two attempts
 * @param maxAttempts attempts after which an e-mail is given up as failed
 * @param smtpIdleTimeout how long the SMTP connection is kept open after a round for the next one
 *     (zero: closed after every round); it costs one idle connection on the server per instance, so
 *     keep it well under the server's own idle timeout (RFC 5321 asks for at least 5 minutes)
 */
@ConfigurationProperties("shop.notification")
record NotificationSettings(
    String from,
    @DefaultValue("1s") Duration pollInterval,
    @DefaultValue("100") int batchSize,
    @DefaultValue("2m") Duration claimTimeout,
    @DefaultValue("1s") Duration firstRetryDelay,
    @DefaultValue("30s") Duration maxRetryDelay,
    @DefaultValue("120") int maxAttempts,
    @DefaultValue("30s") Duration smtpIdleTimeout) {}
