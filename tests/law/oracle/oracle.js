'use strict';
// Independent oracle for kansli's law library (tests/law/OracleTest.cpp runs it).
//
// Prints one line per day of FIRST..LAST:
//   H <YYYY-MM-DD> <holiday 0|1> <holiday codes|-> <eve codes|->
// and one line per identity number in the list file:
//   P <number> <valid 0|1> <male 0|1|-> <birth date|->
//
// How date-holidays (country SE) is mapped to lag (1989:253) and lag (1930:173) 2 §:
// - type "public": the allmänna helgdagar of lag (1989:253) 1 §. Names are mapped to kansli's
//   codes below; an unknown public name is printed as "unknown:<name>" so the test fails.
// - every Sunday is a holiday (1989:253 1 §: "alla söndagar"); date-holidays does not list plain
//   Sundays, so the weekday is computed here.
// - "annandag pingst": date-holidays models only today's rule and lists it as an "observance"
//   in every year. It was an allmän helgdag until 2004 (the 2005 amendment replaced it with
//   nationaldagen), so it is mapped to a holiday for years before 2005 only.
// - "nationaldagen": date-holidays lists it as "public" from 2005 and as an "observance" (flag
//   day) before: that matches the act, so its type is taken as given.
// - type "bank": midsommarafton, julafton, nyårsafton, the three eves of lag (1930:173) 2 §.
// - type "optional" (trettondagsafton, valborgsmässoafton, allhelgonaafton: half days by custom)
//   and "observance" (skärtorsdagen, påskafton, pingstafton, flag and name days): neither a
//   holiday nor an eve in the acts, so ignored. Påskafton is always a Saturday anyway.
const fs = require('fs');
const Holidays = require('date-holidays');
const Personnummer = require('personnummer');

const FIRST = Number(process.env.ORACLE_FIRST_YEAR || 1990);
const LAST = Number(process.env.ORACLE_LAST_YEAR || 2100);

const PUBLIC = {
  'nyårsdagen': 'nyarsdagen',
  'trettondedag jul': 'trettondedag-jul',
  'långfredagen': 'langfredagen',
  'påskdagen': 'paskdagen',
  'annandag påsk': 'annandag-pask',
  'första maj': 'forsta-maj',
  'Kristi himmelsfärdsdag': 'kristi-himmelsfardsdag',
  'pingstdagen': 'pingstdagen',
  'nationaldagen': 'nationaldagen',
  'midsommardagen': 'midsommardagen',
  'alla helgons dag': 'alla-helgons-dag',
  'juldagen': 'juldagen',
  'annandag jul': 'annandag-jul',
};
const EVES = { 'midsommarafton': 'midsommarafton', 'julafton': 'julafton', 'nyårsafton': 'nyarsafton' };

const hd = new Holidays('SE');
// Two holidays can share a day (1 May and Kristi himmelsfärdsdag in 2008): codes are listed
// sorted and comma-separated.
const add = (map, day, code) => map.set(day, (map.get(day) || []).concat(code).sort());
const out = [];
const pad = (n) => String(n).padStart(2, '0');

for (let year = FIRST; year <= LAST; ++year) {
  const holiday = new Map();
  const eve = new Map();
  for (const h of hd.getHolidays(year)) {
    const day = h.date.slice(0, 10);
    if (h.type === 'public') {
      add(holiday, day, PUBLIC[h.name] || 'unknown:' + h.name.replace(/\s/g, '_'));
    } else if (h.type === 'bank') {
      add(eve, day, EVES[h.name] || 'unknown:' + h.name.replace(/\s/g, '_'));
    } else if (h.name === 'annandag pingst' && year < 2005) {
      add(holiday, day, 'annandag-pingst');
    }
  }
  for (let d = new Date(Date.UTC(year, 0, 1)); d.getUTCFullYear() === year; d.setUTCDate(d.getUTCDate() + 1)) {
    const day = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
    let code = (holiday.get(day) || []).join(',');
    if (!code && d.getUTCDay() === 0) {
      code = 'sunday';
    }
    out.push(`H ${day} ${code ? 1 : 0} ${code || '-'} ${(eve.get(day) || []).join(',') || '-'}`);
  }
}

const listFile = process.argv[2];
if (listFile) {
  for (const raw of fs.readFileSync(listFile, 'utf8').split('\n')) {
    const number = raw.trim();
    if (!number || number.startsWith('#')) {
      continue;
    }
    let valid = false;
    try {
      valid = Personnummer.valid(number);
    } catch (e) {
      valid = false;
    }
    let male = '-';
    let birth = '-';
    const digits = number.replace(/[-+]/g, '');
    if (valid && digits.length === 12) {
      const p = Personnummer.parse(number);
      male = p.isMale() ? '1' : '0';
      // The package keeps the written day (day + 60 for a samordningsnummer).
      const day = Number(p.day) > 60 ? Number(p.day) - 60 : Number(p.day);
      birth = `${p.century}${p.year}-${p.month}-${pad(day)}`;
    }
    out.push(`P ${number} ${valid ? 1 : 0} ${male} ${birth}`);
  }
}
process.stdout.write(out.join('\n') + '\n');
