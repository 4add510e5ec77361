// A finding as JSON (see finding_json.h).
#include "store/finding_json.h"

namespace waymark::store {

nlohmann::ordered_json FindingToJson(const Finding& f) {
  nlohmann::ordered_json json;
  json["id"] = f.id;
  json["plan_id"] = f.plan_id;
  json["key"] = f.key;
  json["outcome_id"] = f.outcome_id;
  json["said"] = f.said;
  json["source"] = FindingSourceName(f.source);
  json["source_name"] = f.source_name;
  json["date"] = f.date.ToString();
  json["participants"] = f.participants;
  json["version"] = f.version;
  json["answers"] = nlohmann::ordered_json::array();
  for (const FindingAnswer& a : f.answers) {
    json["answers"].push_back({{"target", a.target},
                               {"kind", AnswerKindName(a.kind)},
                               {"text", a.text},
                               {"date", a.date.ToString()},
                               {"answered_by", a.answered_by},
                               {"illustrative", a.illustrative}});
  }
  return json;
}

}  // namespace waymark::store
