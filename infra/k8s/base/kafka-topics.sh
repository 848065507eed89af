#!/bin/sh
# Job kafka-topics: creates every topic of kafka-topics.txt (generated from libs/topology by
# npm run topology:generate; infra/kafka/topics.json has the same list), idempotently.
set -eu
: "${KAFKA_BOOTSTRAP:?the brokers, host:port[,host:port]}"
replication="${TOPIC_REPLICATION_FACTOR:-1}"
count=0
# Each line: <name> <partitions> [<config>=<value> …]; '#' starts a comment line.
# shellcheck disable=SC2086 # the configs are split on purpose
grep -v '^#' "${TOPICS_FILE:-/etc/gaara/kafka-topics.txt}" | while read -r name partitions configs; do
  options=""
  for config in $configs; do options="$options --config $config"; done
  "${KAFKA_BIN:-/opt/kafka/bin}/kafka-topics.sh" --bootstrap-server "$KAFKA_BOOTSTRAP" --create --if-not-exists \
    --topic "$name" --partitions "$partitions" --replication-factor "$replication" $options
  count=$((count + 1))
  echo "kafka-topics: $count topic(s) present"
done
