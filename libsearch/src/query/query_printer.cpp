// The canonical text of a query tree (to_string) and its indented explanation (explain).
#include <search/query.h>

#include "query/query_fields.h"
#include "query/query_text.h"

#include <chrono>
#include <cstdio>
#include <string>

namespace search {
namespace {

// A value the lexer would read back as one bare value of a filter; anything else is quoted
// (a value can never hold a quotation mark: the lexer ends quoted values at one). A '*' is
// literal only in a quoted filter value: bare, it is a misplaced wildcard.
bool is_bare_value(std::string_view value) {
  if (value.empty() || value.front() == '(' || value.find('*') != std::string_view::npos) {
    return false;
  }
  for (std::size_t i = 0; i < value.size(); ++i) {
    if (query_internal::is_delimiter(value, i)) return false;
  }
  return true;
}

std::string value_text(std::string_view value) {
  return is_bare_value(value) ? std::string(value) : "\"" + std::string(value) + "\"";
}

template <typename T, typename Format>
std::string range_text(const std::optional<T>& first, const std::optional<T>& last, Format format) {
  if (first && last && *first == *last) return format(*first);
  return (first ? format(*first) : "") + ".." + (last ? format(*last) : "");
}

std::string committee_text(const CommitteeRef& committee) {
  if (committee.resolved && !committee.abbrev.empty()) return value_text(committee.abbrev);
  return value_text(committee.name);
}

std::string text_leaf(const QueryNode& leaf) {
  const std::string prefix = leaf.field == TextField::kTitle ? "titel:" : "";
  switch (leaf.op) {
    case QueryOp::kPhrase:
      return prefix + "\"" + leaf.text + "\"";
    case QueryOp::kPrefix:
      return prefix + leaf.text + "*";
    default:
      return prefix + leaf.text;
  }
}

std::string filter_value(const QueryNode& leaf) {
  switch (leaf.op) {
    case QueryOp::kCommittee:
    case QueryOp::kRoute:
      return committee_text(leaf.committee);
    case QueryOp::kCase:
      return value_text(leaf.case_number);
    case QueryOp::kDate:
      return range_text(leaf.days.first, leaf.days.last, iso_date);
    case QueryOp::kYear:
      return range_text(leaf.years.first, leaf.years.last,
                        [](std::int32_t year) { return std::to_string(year); });
    case QueryOp::kOutcome:
      return std::string(outcome_name(leaf.outcome));
    case QueryOp::kAccess:
      return leaf.access_open ? "åben" : "lukket";
    default:
      return leaf.text;
  }
}

void print(const QueryNode& node, std::string& out);

void print_operand(const QueryNode& node, bool parenthesise, std::string& out) {
  if (parenthesise) out += '(';
  print(node, out);
  if (parenthesise) out += ')';
}

void print(const QueryNode& node, std::string& out) {
  switch (node.op) {
    case QueryOp::kAnd:
    case QueryOp::kOr:
      for (std::size_t i = 0; i < node.children.size(); ++i) {
        if (i > 0) out += node.op == QueryOp::kAnd ? " " : " OR ";
        const QueryNode& child = node.children[i];
        print_operand(child, node.op == QueryOp::kAnd && child.op == QueryOp::kOr, out);
      }
      return;
    case QueryOp::kNot: {
      out += '-';
      const QueryNode& operand = node.children.front();
      print_operand(operand, operand.op == QueryOp::kAnd || operand.op == QueryOp::kOr, out);
      return;
    }
    case QueryOp::kTerm:
    case QueryOp::kPrefix:
    case QueryOp::kPhrase:
      out += text_leaf(node);
      return;
    default:
      out += query_internal::field_name(node.op);
      out += ':';
      out += filter_value(node);
      return;
  }
}

std::string_view op_name(QueryOp op) {
  switch (op) {
    case QueryOp::kAnd:
      return "AND";
    case QueryOp::kOr:
      return "OR";
    case QueryOp::kNot:
      return "NOT";
    case QueryOp::kTerm:
      return "TERM";
    case QueryOp::kPrefix:
      return "PREFIX";
    case QueryOp::kPhrase:
      return "PHRASE";
    case QueryOp::kCommittee:
      return "COMMITTEE";
    case QueryOp::kRoute:
      return "ROUTE";
    case QueryOp::kCase:
      return "CASE";
    case QueryOp::kDate:
      return "DATE";
    case QueryOp::kYear:
      return "YEAR";
    case QueryOp::kOutcome:
      return "OUTCOME";
    case QueryOp::kAccess:
      return "ACCESS";
  }
  return "?";
}

// What explain() shows of a leaf beyond its canonical text.
std::string leaf_detail(const QueryNode& node) {
  switch (node.op) {
    case QueryOp::kTerm:
    case QueryOp::kPrefix:
    case QueryOp::kPhrase:
      return std::string(node.field == TextField::kTitle ? "title " : "") + "\"" + node.text + "\"";
    case QueryOp::kCommittee:
    case QueryOp::kRoute:
      if (!node.committee.resolved)
        return "\"" + node.committee.name + "\" (not in the committee table)";
      return node.committee.name +
             (node.committee.abbrev.empty() ? "" : " (" + node.committee.abbrev + ")");
    case QueryOp::kDate:
      return range_text(node.days.first, node.days.last, iso_date) + " (days " +
             range_text(node.days.first, node.days.last,
                        [](std::int32_t day) { return std::to_string(day); }) +
             ")";
    default:
      return filter_value(node);
  }
}

void explain_node(const QueryNode& node, std::size_t indent, std::string& out) {
  out.append(indent * 2, ' ');
  out += op_name(node.op);
  if (node.children.empty()) out += " " + leaf_detail(node);
  out += "  @" + std::to_string(node.begin) + ".." + std::to_string(node.end) + "\n";
  for (const QueryNode& child : node.children) explain_node(child, indent + 1, out);
}

}  // namespace

std::string to_string(const QueryNode& tree) {
  std::string out;
  print(tree, out);
  return out;
}

std::string explain(const QueryNode& tree) {
  std::string out;
  explain_node(tree, 0, out);
  return out;
}

std::string iso_date(std::int32_t day) {
  const std::chrono::year_month_day date{std::chrono::sys_days(std::chrono::days(day))};
  char text[16];
  std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(date.year()),
                static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()));
  return text;
}

}  // namespace search
