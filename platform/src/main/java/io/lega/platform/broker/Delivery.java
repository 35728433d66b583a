package io.lega.platform.broker;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Envelope;

/**
 * One delivery to a {@link QueueConsumer}: the channel it came on (to acknowledge there), its
 * envelope, properties and body, and the context a handler sees.
 */
record Delivery(
    Channel channel,
    Envelope envelope,
    AMQP.BasicProperties properties,
    byte[] body,
    MessageContext context) {}
