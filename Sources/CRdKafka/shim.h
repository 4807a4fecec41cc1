#pragma once
// Umbrella over the distribution's librdkafka headers (librdkafka-dev).
#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafka_mock.h>
