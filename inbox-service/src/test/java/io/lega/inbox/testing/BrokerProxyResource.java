package io.lega.inbox.testing;

import io.lega.testsupport.AmqpConnection;
import io.lega.testsupport.ConfigKeys;
import io.lega.testsupport.Infrastructure;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.HashMap;
import java.util.Map;

/**
 * The JVM's test broker (test-support's, embedded or real as {@code LEGA_TEST_INFRA} says) behind a
 * {@link TcpProxy}: the application is given the proxy's port, the test gets the proxy (fields
 * annotated {@link Inject}) to cut or pause it. Confirm timeout and reconnection back-off are
 * short, so that a broker that is down shows quickly.
 */
public class BrokerProxyResource implements QuarkusTestResourceLifecycleManager {

  /** Marks the test's field that receives the proxy. */
  @Retention(RetentionPolicy.RUNTIME)
  @Target(ElementType.FIELD)
  public @interface Inject {}

  public static final String CONFIRM_TIMEOUT = "PT2S";

  private TcpProxy proxy;

  @Override
  public Map<String, String> start() {
    AmqpConnection broker = Infrastructure.sharedBroker();
    proxy = new TcpProxy(broker.host(), broker.port());
    Map<String, String> config =
        new HashMap<>(
            ConfigKeys.broker(
                new AmqpConnection(
                    "127.0.0.1",
                    proxy.port(),
                    broker.username(),
                    broker.password(),
                    broker.virtualHost())));
    config.put("lega.broker.confirm-timeout", CONFIRM_TIMEOUT);
    config.put("lega.broker.initial-backoff", "PT0.2S");
    config.put("lega.broker.max-backoff", "PT1S");
    return config;
  }

  @Override
  public void inject(TestInjector testInjector) {
    testInjector.injectIntoFields(
        proxy, new TestInjector.AnnotatedAndMatchesType(Inject.class, TcpProxy.class));
  }

  @Override
  public void stop() {
    if (proxy != null) {
      proxy.close();
    }
  }
}
