package io.github.shopsaga.storefront;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the storefront, under {@code shop.storefront}.
 *
 * @param publicUrl where people open the storefront; a page asked for under another host name is
 *     sent there, because the authorization server sends people back to this address only and the
 *     sign-in lives in a cookie of one host name
 * @param issuer the authorization server's address as browsers reach it, where people sign in and
 *     out
 * @param orderService order-service's base address, as this process reaches it
 * @param inventoryService inventory-service's base address
 * @param paymentService payment-service's base address
 * @param notificationService notification-service's base address
 * @param mailViewer where people read the e-mails the shop sent (Mailpit's web interface in the
 *     demo)
 * @param apiTimeout how long a relayed API call may take before the page is told the service is
 *     unavailable (streams of order changes excepted)
 * @param streamWait how long a stream of order changes waits for order-service to answer (while it
 *     restarts, say) before the browser is asked to reconnect; meanwhile the page shows that it is
 *     reconnecting
 */
@ConfigurationProperties("shop.storefront")
record StorefrontSettings(
    @DefaultValue("http://127.0.0.1:8090") URI publicUrl,
    @DefaultValue("http://localhost:9000") URI issuer,
    @DefaultValue("http://localhost:8080") URI orderService,
    @DefaultValue("http://localhost:8081") URI inventoryService,
    @DefaultValue("http://localhost:8082") URI paymentService,
    @DefaultValue("http://localhost:8083") URI notificationService,
    @DefaultValue("http://localhost:8025") URI mailViewer,
    @DefaultValue("10s") Duration apiTimeout,
    @DefaultValue("20s") Duration streamWait) {}
