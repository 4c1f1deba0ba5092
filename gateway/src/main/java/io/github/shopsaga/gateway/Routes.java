package io.github.shopsaga.gateway;

import static org.springframework.cloud.gateway.server.mvc.filter.LoadBalancerFilterFunctions.lb;
import static org.springframework.cloud.gateway.server.mvc.handler.GatewayRouterFunctions.route;
import static org.springframework.cloud.gateway.server.mvc.handler.HandlerFunctions.http;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.ByteArrayInputStream;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.loadbalancer.annotation.LoadBalancerClients;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.client.HttpServerErrorException;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.servlet.function.HandlerFilterFunction;
import org.springframework.web.servlet.function.HandlerFunction;
import org.springframework.web.servlet.function.RequestPredicate;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * One route per service: whatever arrives on the service's port goes, path and all, to one of its
 * instances, taken in turn.
 *
 * <p>A request that finds an instance gone (the connection refused, or not answered: a container
 * stopped or killed, or started and not yet listening) is sent to the next one, up to twice,
 * whatever its method: nothing reached the service, so nothing can happen twice. A request that
 * reached an instance is never repeated here: an instance that dies while it handles a POST may or
 * may not have placed the order, and only the client can retry it safely, with the same {@code
 * Idempotency-Key}; it is told 502.
 */
@Configuration(proxyBeanMethods = false)
@LoadBalancerClients(defaultConfiguration = ResolvedInstances.PerService.class)
class Routes {

  private static final Logger log = LoggerFactory.getLogger(Routes.class);

  private static final int ATTEMPTS = 3;

  /** The services' own limit (web-support's RequestSizeLimitFilter): larger bodies get 413. */
  private static final int MAX_BODY_BYTES = 1024 * 1024;

  @Bean
  RouterFunction<ServerResponse> services(GatewaySettings settings) {
    return settings.services().entrySet().stream()
        .map(
            service ->
                route(service.getKey())
                    .route(arrivedOn(service.getValue().port()), toAnInstanceOf(service.getKey()))
                    .build())
        .reduce(RouterFunction::and)
        .orElseThrow(() -> new IllegalStateException("shop.gateway.services names no service"));
  }

  /**
   * Sends a request to one of the service's instances, to the next one while the connection is
   * refused, and tells the client in a problem response when no instance could answer.
   */
  private static HandlerFunction<ServerResponse> toAnInstanceOf(String service) {
    HandlerFunction<ServerResponse> toOneInstance = lb(service).apply(http());
    HandlerFunction<ServerResponse> toAnInstance = nextInstanceWhenRefused().apply(toOneInstance);
    return request -> {
      try {
        return toAnInstance.handle(request);
      } catch (HttpServerErrorException noInstance) {
        // The load balancer's answer when the service's name resolves to no address.
        log.warn("{} {}: no instance of {} runs", request.method(), request.path(), service);
        return problem(HttpStatus.SERVICE_UNAVAILABLE, service, "No instance of it is running.");
      } catch (ResourceAccessException unreachable) {
        log.warn(
            "{} {}: no answer from an instance of {}: {}",
            request.method(),
            request.path(),
            service,
            unreachable.getMostSpecificCause().toString());
        return problem(
            HttpStatus.BAD_GATEWAY,
            service,
            "An instance of it could not be reached or stopped answering.");
      }
    };
  }

  private static RequestPredicate arrivedOn(int port) {
    return request ->
        request.servletRequest().getLocalPort() == port
            && request.servletRequest().getDispatcherType() == DispatcherType.REQUEST;
  }

  /**
   * Sends the request again, to the next instance, while the connection is refused. The body is
   * read into memory first so that it can be sent again (the shop's request bodies are small, and
   * one over the services' limit is refused here).
   */
  private static HandlerFilterFunction<ServerResponse, ServerResponse> nextInstanceWhenRefused() {
    return (request, next) -> {
      byte[] body = request.servletRequest().getInputStream().readNBytes(MAX_BODY_BYTES + 1);
      if (body.length > MAX_BODY_BYTES) {
        return tooLarge();
      }
      for (int attempt = 1; ; attempt++) {
        try {
          return next.handle(withBody(request, body));
        } catch (ResourceAccessException error) {
          if (attempt == ATTEMPTS || !refused(error)) {
            throw error;
          }
        }
      }
    };
  }

  private static ServerRequest withBody(ServerRequest request, byte[] body) {
    HttpServletRequest resendable =
        new HttpServletRequestWrapper(request.servletRequest()) {
          @Override
          public ServletInputStream getInputStream() {
            return new BodyStream(body);
          }
        };
    return ServerRequest.create(resendable, request.messageConverters());
  }

  private static final class BodyStream extends ServletInputStream {

    private final ByteArrayInputStream bytes;

    BodyStream(byte[] body) {
      this.bytes = new ByteArrayInputStream(body);
    }

    @Override
    public int read() {
      return bytes.read();
    }

    @Override
    public int read(byte[] buffer, int offset, int length) {
      return bytes.read(buffer, offset, length);
    }

    @Override
    public boolean isFinished() {
      return bytes.available() == 0;
    }

    @Override
    public boolean isReady() {
      return true;
    }

    @Override
    public void setReadListener(ReadListener listener) {
      throw new UnsupportedOperationException("the body is read blocking");
    }
  }

  /**
   * Whether the request never reached the instance: the connection was refused, had no route, or
   * was not answered within {@code spring.http.clients.connect-timeout} (a container killed a
   * moment ago is still in the name's last lookup, and packets to its address go nowhere).
   */
  private static boolean refused(Throwable error) {
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      if (cause instanceof ConnectException
          || cause instanceof NoRouteToHostException
          || cause instanceof HttpConnectTimeoutException) {
        return true;
      }
    }
    return false;
  }

  /** The services' own answer to a body over their limit, given here without sending it on. */
  private static ServerResponse tooLarge() {
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(
            HttpStatus.CONTENT_TOO_LARGE, "The request body is larger than 1 MiB.");
    problem.setType(URI.create("urn:shop-saga:problem:payload-too-large"));
    return ServerResponse.status(HttpStatus.CONTENT_TOO_LARGE)
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(problem);
  }

  private static ServerResponse problem(HttpStatus status, String service, String detail) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setTitle(service + " is unavailable");
    return ServerResponse.status(status)
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(problem);
  }
}
