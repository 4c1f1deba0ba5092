package io.github.shopsaga.gateway;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.net.spi.InetAddressResolver;
import java.net.spi.InetAddressResolverProvider;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Host names of the tests' own, as Docker's DNS gives a compose service's name: one address per
 * running instance. The JVM finds this resolver through {@code META-INF/services}; every other name
 * goes to the built-in one.
 */
public final class TestNames extends InetAddressResolverProvider {

  private static final Map<String, List<InetAddress>> NAMES = new ConcurrentHashMap<>();

  static void resolve(String name, String... addresses) {
    NAMES.put(
        name,
        Stream.of(addresses)
            .map(
                address -> {
                  try {
                    return InetAddress.getByName(address);
                  } catch (UnknownHostException e) {
                    throw new IllegalArgumentException(address, e);
                  }
                })
            .toList());
  }

  @Override
  public InetAddressResolver get(Configuration configuration) {
    InetAddressResolver builtIn = configuration.builtinResolver();
    return new InetAddressResolver() {
      @Override
      public Stream<InetAddress> lookupByName(String host, LookupPolicy policy)
          throws UnknownHostException {
        List<InetAddress> addresses = NAMES.get(host);
        if (addresses == null) {
          return builtIn.lookupByName(host, policy);
        }
        if (addresses.isEmpty()) {
          throw new UnknownHostException(host);
        }
        return addresses.stream();
      }

      @Override
      public String lookupByAddress(byte[] address) throws UnknownHostException {
        return builtIn.lookupByAddress(address);
      }
    };
  }

  @Override
  public String name() {
    return "shop-test-names";
  }
}
