import Kafka
import MetricParser

enum TallyVersion {
    static let tally = "0.1.0"
    static var string: String {
        "tally \(tally) (parser \(MetricExtractor.version), librdkafka \(librdkafkaVersion))"
    }
}
