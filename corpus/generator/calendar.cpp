#include "calendar.h"

namespace gen {

const char* const kMonthNames[12] = {"januar", "februar", "marts",     "april",   "maj",      "juni",
                                     "juli",   "august",  "september", "oktober", "november", "december"};
const char* const kWeekdayNames[7] = {"mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag"};

int days_from_civil(Date date) {
  const int y = date.year - (date.month <= 2 ? 1 : 0);
  const int era = (y >= 0 ? y : y - 399) / 400;
  const int yoe = y - era * 400;
  const int mp = (date.month + 9) % 12;
  const int doy = (153 * mp + 2) / 5 + date.day - 1;
  const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

Date civil_from_days(int days) {
  days += 719468;
  const int era = (days >= 0 ? days : days - 146096) / 146097;
  const int doe = days - era * 146097;
  const int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int mp = (5 * doy + 2) / 153;
  Date date;
  date.day = doy - (153 * mp + 2) / 5 + 1;
  date.month = mp < 10 ? mp + 3 : mp - 9;
  date.year = yoe + era * 400 + (date.month <= 2 ? 1 : 0);
  return date;
}

int weekday(int days) { return ((days % 7) + 7 + 3) % 7; }  // 1970-01-01 was a Thursday

int days_in_month(int year, int month) {
  static const int kDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[month - 1];
}

int nth_weekday(int year, int month, int wanted, int n) {
  const int first = days_from_civil({year, month, 1});
  int day = first + (wanted - weekday(first) + 7) % 7 + 7 * n;
  const int last = first + days_in_month(year, month) - 1;
  while (day > last) day -= 7;
  return day;
}

static void append_2(std::string& out, int value) {
  out.push_back(static_cast<char>('0' + value / 10));
  out.push_back(static_cast<char>('0' + value % 10));
}

void append_dmy(std::string& out, Date date) {
  append_2(out, date.day);
  out.push_back('-');
  append_2(out, date.month);
  out.push_back('-');
  out += std::to_string(date.year);
}

void append_iso(std::string& out, Date date) {
  out += std::to_string(date.year);
  out.push_back('-');
  append_2(out, date.month);
  out.push_back('-');
  append_2(out, date.day);
}

void append_long(std::string& out, Date date) {
  out += std::to_string(date.day);
  out += ". ";
  out += kMonthNames[date.month - 1];
  out.push_back(' ');
  out += std::to_string(date.year);
}

void append_weekday_long(std::string& out, int days) {
  out += kWeekdayNames[weekday(days)];
  out += " den ";
  append_long(out, civil_from_days(days));
}

}  // namespace gen
