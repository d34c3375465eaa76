#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <regex>
#include <string>
#include <vector>

// The contract of one RPC operation, as loaded from a spec file and the common protocol file it
// names. Everything is built once by the loader and handed out as shared_ptr<const Operation>;
// nothing in it changes afterwards, so every stage can read it from any thread.
namespace conform::spec {

/// Where an entry was written: the file and the JSON pointer inside it.
struct Origin {
  std::string file;
  std::string pointer;
};

struct SourceLists {
  std::vector<std::string> parameters;
  std::vector<std::string> errors;
  bool partial = false;  // lists only some entries, so an omission proves nothing
};

/// A document the contract was taken from (the published reference, SDK metadata, ...).
struct Source {
  std::string key;
  std::string title;
  std::string ref;
  std::optional<SourceLists> lists;
  Origin origin;
};

enum class ValueType { kString, kInteger, kBoolean };
enum class IntegerFormat { kNone, kInt32, kInt64 };
enum class Location { kQuery, kBody };
enum class SignatureScheme { kV1, kV3 };

struct Condition {
  std::string param;
  std::string equals;
};

/// A constraint that holds only when another parameter has a given value; the condition reads the
/// other parameter's effective value, so a documented default counts.
struct ConditionalConstraint {
  Condition when;
  std::optional<std::int64_t> minimum;
  std::optional<std::int64_t> maximum;
  std::vector<std::string> enum_values;
  Origin origin;
};

/// A limit the product's documents follow as a convention but this operation's documents do not
/// state: not a rule (nothing is rejected for it), only a bound valid cases keep inside.
struct Convention {
  std::optional<std::size_t> max_length;  // in code points
  bool ascii = false;
  std::string source;    // a key of Operation::sources
  std::string evidence;  // how widely the source follows it
  Origin origin;
};

/// The structure of a list or struct parameter (the spec's `shape`): a list's items, a struct's
/// members, down to scalar leaves with their own constraints. A leaf travels as wire text like a
/// parameter of its type; the number type is read as text the generators do not make.
enum class ShapeType { kString, kInteger, kBoolean, kNumber, kArray, kObject };

struct Shape {
  std::string name;  // a member's name; empty for a list's items and the parameter itself
  ShapeType type = ShapeType::kString;
  IntegerFormat format = IntegerFormat::kNone;
  bool required = false;  // a member every item must carry
  std::vector<std::string> enum_values;
  std::optional<std::int64_t> minimum;
  std::optional<std::int64_t> maximum;
  std::optional<std::size_t> min_length;
  std::optional<std::size_t> max_length;
  std::optional<std::string> pattern;
  std::optional<std::regex> compiled_pattern;
  std::optional<std::string> example;
  std::optional<std::size_t> min_items;
  std::optional<std::size_t> max_items;
  std::vector<Shape> items;    // kArray: exactly one, the items' shape
  std::vector<Shape> members;  // kObject
  Origin origin;
};

struct Parameter {
  std::string name;
  ValueType type = ValueType::kString;
  IntegerFormat format = IntegerFormat::kNone;
  bool required = false;
  bool hidden = false;
  bool secret = false;
  bool case_insensitive = false;
  bool common = false;  // from the protocol file rather than the operation's own list
  std::vector<std::string> enum_values;
  std::optional<std::string> default_value;
  std::optional<std::string> fixed_value;  // Action and Version: the operation's own values
  std::optional<std::int64_t> minimum;
  std::optional<std::int64_t> maximum;
  std::optional<std::size_t> min_length;
  std::optional<std::size_t> max_length;
  std::optional<std::string> pattern;
  std::optional<std::regex> compiled_pattern;
  std::vector<ConditionalConstraint> conditional;
  std::optional<Convention> convention;
  std::optional<std::string> example;
  // How a list or struct travels (repeatList, flat, json, simple, as the metadata names it); see
  // core/spec/styled_wire.h for the wire forms and what such a parameter's value is.
  std::optional<std::string> style;
  std::optional<Shape> shape;  // set exactly when style is
  std::vector<Location> locations;
  std::vector<SignatureScheme> signatures;
  std::string description;
  std::vector<std::string> sources;
  std::string note;
  Origin origin;

  /// True when the spec restricts the value beyond "any string".
  bool constrained() const;
};

struct ErrorCode {
  std::string code;  // may hold the placeholder {param}
  int http = 0;
  std::string message;
  std::string description;
  std::vector<std::string> sources;
  std::string note;
  bool common = false;
  Origin origin;

  bool is_template() const { return code.find("{param}") != std::string::npos; }
};

/// One answer the contract accepts: an HTTP status with an error code.
struct Answer {
  int http = 0;
  std::string code;

  friend bool operator==(const Answer&, const Answer&) = default;
};

/// The words of a source that settle an outcome, quoted verbatim.
struct Settlement {
  std::string source;  // a key of Operation::sources
  std::string quote;
  Origin origin;
};

/// What the service answers when a rule is broken. Several answers may be acceptable because the
/// contract itself names alternatives (two spellings, two statuses, several state codes).
struct Outcome {
  std::string id;
  std::string description;
  std::vector<Answer> accept;
  // How far the sources settle the answer (the spec's `settles`): "answer" settles both flags,
  // "rejection" only that a 4xx comes back (its code is open), "nothing" neither.
  bool settled = true;                 // the answer: another status or code is a failure
  bool rejection_settled = true;       // a 4xx: a 2xx is a failure, another 4xx code an observation
  std::vector<Settlement> settled_by;  // the sentences that settle it; empty when it is open
  bool transient = false;              // throttling and outages: says nothing about the request
  std::string note;
  bool common = false;
  Origin origin;
};

enum class Check {
  kActionPresent,  // the call names an action at all
  kAction,         // the action it names is an operation here
  kVersion,
  kCredentialsPresent,
  kSigningValues,  // signing parameters with one documented value carry it
  kTimestampFormat,
  kAccessKey,
  kSignature,
  kTimestampWindow,
  kNonceUnique,
  kSecurityToken,
  kRate,
  kService,
  kPresent,
  kValid,
  kExists,
  kState,
};

/// A rule the service checks, in the order it checks them. The first rule a request breaks decides
/// the answer.
struct Rule {
  std::string id;
  Check check = Check::kService;
  std::string param;                // kPresent, kValid, kExists, kState
  std::string resource;             // kExists, kState
  std::vector<std::string> states;  // kState: the states that pass
  std::size_t outcome = 0;          // index into Operation::outcomes
  std::string order_group;          // rules sharing one are checked in an order no source documents
  std::string description;
  std::vector<std::string> sources;
  bool common = false;
  Origin origin;

  /// Rules about the request as a whole (auth, rate, service) rather than one parameter.
  bool is_protocol() const;
};

struct ResourceState {
  std::string name;
  std::string description;
  std::vector<std::string> aliases;
};

struct Resource {
  std::string name;
  std::string description;
  std::optional<std::string> example;
  std::vector<ResourceState> states;
  std::vector<std::string> sources;
  Origin origin;
};

enum class FieldType { kString, kInteger, kBoolean, kObject };

struct Field {
  std::string name;
  FieldType type = FieldType::kString;
  bool required = false;
  std::optional<std::string> format;  // "uuid"
  std::optional<std::string> pattern;
  std::optional<std::regex> compiled_pattern;
  std::optional<std::size_t> min_length;
  std::optional<std::string> example;
  std::optional<std::string> generate;    // "uuid" or "digits:N", how a mock makes a value
  std::optional<std::string> identifies;  // the kind of thing this value names, e.g. "order"
  std::optional<std::string> value;  // protocol role: request-id, host, code, message, recommend
  std::vector<Field> fields;
};

struct SuccessResponse {
  int http = 200;
  std::string xml_root;
  std::vector<Field> fields;
};

struct ErrorBody {
  std::string xml_root;
  std::vector<Field> fields;
};

/// A media type a source documents for a format's responses.
struct DocumentedMediaType {
  std::string text;  // as the source writes it, e.g. "text/xml;charset=utf-8"
  std::vector<std::string> sources;
  std::optional<std::string> note;
};

struct Protocol {
  std::string name;
  std::string file;
  // "JSON"/"XML" -> every media type accepted for it, never empty; a mock answers with the first.
  std::map<std::string, std::vector<DocumentedMediaType>> content_types;
  std::string format_parameter;    // the common parameter choosing JSON or XML
  std::string recommend_template;  // diagnosis link: {code}, {product}, {request_id}
  std::string request_id_header;
  std::string request_id_format;
  ErrorBody error_body;
  int timestamp_skew_seconds = 0;
  int nonce_window_seconds = 0;
  std::map<SignatureScheme, std::string> signatures;  // scheme -> description
};

struct Transport {
  std::vector<std::string> methods;
  std::vector<std::string> schemes;
  std::vector<SignatureScheme> signatures;
  std::vector<std::string> formats;
};

/// What a successful call leaves behind, so a runner knows when a request costs money.
struct Effects {
  std::string creates;
  bool billable = false;
  std::optional<std::string> charge_parameter;  // e.g. AutoPay
  std::optional<std::string> safe_value;        // its value that does not charge
  // Every value that does not charge: safe_value first, then any "safe_values" the spec lists.
  std::vector<std::string> safe_values;
  std::string description;
};

struct Quota {
  int requests = 0;
  int per_seconds = 0;
};

struct Idempotency {
  std::string token;                             // the parameter carrying the client token
  std::optional<std::size_t> different_request;  // outcome for a reused token, other parameters
  std::string description;
};

/// What an imported spec's "imported" block says about its operation (the metadata's systemTags).
struct ImportedTags {
  std::string operation_type;  // get, list, create, update, delete, ...; "" when not stated
  std::string charge_type;     // free, paid; "" when not stated
};

struct Operation {
  std::string file;
  std::string sha256;  // of the operation file's bytes, for reports
  std::string product;
  std::string version;
  std::string action;
  std::string title;
  Protocol protocol;
  Transport transport;
  std::optional<Effects> effects;
  std::optional<Quota> quota;
  std::optional<Idempotency> idempotency;
  std::map<std::string, Source> sources;     // operation and common sources, by key
  std::vector<Parameter> parameters;         // the operation's own, in spec order
  std::vector<Parameter> common_parameters;  // the protocol's
  std::vector<ErrorCode> errors;             // common first, then the operation's
  std::vector<Outcome> outcomes;             // common first, then the operation's
  std::vector<Rule> rules;                   // evaluation order: common, then operation
  std::map<std::string, Resource> resources;
  SuccessResponse response;
  // Set for an imported spec, an overlay's included (its base carries the block): read once here,
  // since deciding what may run against a real endpoint needs it for every operation of a run.
  std::optional<ImportedTags> imported;

  const Parameter* find_parameter(std::string_view name) const;  // operation or common
  const Outcome* find_outcome(std::string_view id) const;
  const ErrorCode* find_error(std::string_view code, int http) const;
  const Resource* find_resource(std::string_view name) const;
  const Outcome& outcome_of(const Rule& rule) const { return outcomes.at(rule.outcome); }
};

std::string_view to_string(ValueType type);
std::string_view to_string(Check check);
std::string_view to_string(SignatureScheme scheme);
std::string_view to_string(Location location);
std::string_view to_string(FieldType type);

}  // namespace conform::spec
