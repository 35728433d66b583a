package io.lega.platform.broker;

import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * The shared broker keys ({@link BrokerConfig}, documented there) under a service's own prefix
 * ({@code lega.hub.broker.*}, {@code lega.inbox.broker.*}), each falling back to {@code
 * lega.broker.<key>} (what {@code ./lega up} and the tests set once for every service) and then to
 * {@link BrokerConfig}'s default.
 */
public interface FallbackBrokerConfig extends BrokerConfig {
  @Override
  @WithDefault("${lega.broker.host:localhost}")
  String host();

  @Override
  @WithDefault("${lega.broker.port:5672}")
  int port();

  @Override
  @WithDefault("${lega.broker.username:guest}")
  String username();

  @Override
  @WithDefault("${lega.broker.password:guest}")
  String password();

  @Override
  @WithDefault("${lega.broker.virtual-host:/}")
  String virtualHost();

  @Override
  @WithDefault("${lega.broker.tls:false}")
  boolean tls();

  @Override
  @WithDefault("${lega.broker.prefetch:4}")
  int prefetch();

  @Override
  @WithDefault("${lega.broker.max-attempts:5}")
  int maxAttempts();

  @Override
  @WithDefault("${lega.broker.initial-backoff:PT1S}")
  Duration initialBackoff();

  @Override
  @WithDefault("${lega.broker.max-backoff:PT1M}")
  Duration maxBackoff();

  @Override
  @WithDefault("${lega.broker.confirm-timeout:PT10S}")
  Duration confirmTimeout();
}
