// Civil dates as day numbers (days since 1970-01-01), in integer arithmetic only.
#pragma once

#include <cstdint>
#include <string>

namespace gen {

struct Date {
  int year = 1970;
  int month = 1;  // 1..12
  int day = 1;    // 1..31
};

// Howard Hinnant's days_from_civil / civil_from_days.
int days_from_civil(Date date);
Date civil_from_days(int days);
// 0 = Monday ... 6 = Sunday.
int weekday(int days);
int days_in_month(int year, int month);
// The day number of the n-th (0-based) given weekday of a month; n may run past the month's
// end, in which case the last such weekday is returned.
int nth_weekday(int year, int month, int weekday, int n);

// "17-05-2022", as Danish minutes write decision dates.
void append_dmy(std::string& out, Date date);
// "2022-05-17".
void append_iso(std::string& out, Date date);
// "24. maj 2022".
void append_long(std::string& out, Date date);
// "tirsdag den 24. maj 2022".
void append_weekday_long(std::string& out, int days);

extern const char* const kMonthNames[12];
extern const char* const kWeekdayNames[7];

}  // namespace gen
