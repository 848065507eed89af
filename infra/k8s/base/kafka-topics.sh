#!/bin/sh
# Generated from libs/topology by npm run topology:generate; do not edit.
# Creates the declared topics (infra/kafka/topics.json has the same list); run by Job kafka-topics.
set -eu
: "${KAFKA_BOOTSTRAP:?the brokers, host:port[,host:port]}"
replication="${TOPIC_REPLICATION_FACTOR:-1}"
topic() {
  name=$1 partitions=$2
  shift 2
  configs=""
  for config in "$@"; do configs="$configs --config $config"; done
  # shellcheck disable=SC2086
  /opt/kafka/bin/kafka-topics.sh --bootstrap-server "$KAFKA_BOOTSTRAP" --create --if-not-exists \
    --topic "$name" --partitions "$partitions" --replication-factor "$replication" $configs
}
topic payments.retry.5s 3 retention.ms=604800000
topic payments.retry.30s 3 retention.ms=604800000
topic payments.retry.5m 3 retention.ms=604800000
topic payments.retry.30m 3 retention.ms=604800000
topic payments.dlt 3 retention.ms=2592000000
topic payments.events 3 retention.ms=604800000
topic notifications.retry.30s 3 retention.ms=604800000
topic notifications.retry.5m 3 retention.ms=604800000
topic notifications.retry.30m 3 retention.ms=604800000
topic notifications.retry.2h 3 retention.ms=604800000
topic notifications.dlt 3 retention.ms=2592000000
topic invoice.dlt 3 retention.ms=2592000000
topic catalog.dlt 3 retention.ms=2592000000
topic gaara.stack.selftest 1 retention.ms=3600000
echo "kafka-topics: 14 topic(s) present"
