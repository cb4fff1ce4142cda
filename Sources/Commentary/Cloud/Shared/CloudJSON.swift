import CurlHTTP
import Foundation

/// JSON encoding and decoding of the services' documents, failures as provider errors.
enum CloudJSON {
    static func encode<T: Encodable>(_ value: T) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .withoutEscapingSlashes
        // Every document here is plain structs of strings and numbers: encoding cannot fail.
        return Array((try? encoder.encode(value)) ?? Data("{}".utf8))
    }

    static func decode<T: Decodable>(_ type: T.Type, _ response: HTTPResponse, service: String) throws(ProviderError) -> T {
        do {
            return try JSONDecoder().decode(T.self, from: Data(response.body))
        } catch {
            throw ProviderError(.transient, "\(service) sent a reply that is not the documented JSON: \(String(response.text.prefix(120)))")
        }
    }
}
