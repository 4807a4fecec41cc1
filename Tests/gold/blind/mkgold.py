#!/usr/bin/env python3
"""Expand a hand-written compact label file into gold jsonl (the project's format).
Each line: anchor | text | subject [| flags]; flags (space-separated): up, down (a change),
more (多/余/超过: lower; 多/余 also upper), approx, nearly, less, range, opt, pp,
unit=U kind=K value=V lower=L upper=U period=P.  Value/unit/kind follow from the text
unless given: 万/亿/千 multiplied out, 元→CNY, 亩→m2, 平方米→m2, 吨→kg, 公里→m, %→percent."""
import json, re, sys
CN = {'零':0,'〇':0,'○':0,'一':1,'二':2,'兩':2,'两':2,'三':3,'四':4,'五':5,'六':6,'七':7,'八':8,'九':9}
UNITS = [('平方米','m2',1,'area'),('万亩','m2',666.6666666666666*1e4,'area'),('亩','m2',666.6666666666666,'area'),
         ('公里','m',1000,'length'),('万吨','kg',1e7,'mass'),('吨','kg',1000,'mass'),('公斤','kg',1,'mass'),
         ('美元','USD',1,'money'),('港元','HKD',1,'money'),('港幣','HKD',1,'money'),('元','CNY',1,'money'),
         ('个百分点','percentage_point',1,'percentage_point'),('個百分點','percentage_point',1,'percentage_point'),
         ('%','percent',1,'percent'),('％','percent',1,'percent'),('成','percent',10,'percent')]
MAG = {'万':1e4,'萬':1e4,'亿':1e8,'億':1e8,'千':1e3}
def parse(text):
    text = text.replace(',', '')
    m = re.match(r'([0-9.]+)', text)
    if not m: return 0, text, 'count'  # Chinese numerals: value, unit and kind given as flags
    num = float(m.group(1)); rest = text[m.end():]
    mult = 1
    # 3200余万元: 多/余 may stand before the magnitude as well as after it.
    while rest and (rest[0] in MAG or rest[0] in '多余餘'):
        if rest[0] in MAG: mult *= MAG[rest[0]]
        rest = rest[1:]
    for suf, unit, f, kind in UNITS:
        if rest.startswith(suf) or (suf.startswith(('万','萬')) and False):
            return num*mult*f, unit, kind
    # 万亩 etc. handled by mult; measure word otherwise
    for suf, unit, f, kind in UNITS:
        if rest.endswith(suf): return num*mult*f, unit, kind
    return num*mult, rest, 'count'
def main(src, article, out):
    art = open(article).read(); lines = []
    for raw in open(src):
        raw = raw.strip()
        if not raw or raw.startswith('#'): continue
        parts = [x.strip() for x in raw.split('|')]
        anchor, text, subject = parts[:3]; flags = parts[3].split() if len(parts) > 3 else []
        v, unit, kind = parse(text)
        d = {'anchor': anchor, 'text': text, 'subject': subject}
        kv = dict(f.split('=',1) for f in flags if '=' in f)
        if 'unit' in kv: unit = kv['unit']
        if 'kind' in kv: kind = kv['kind']
        if 'value' in kv: v = float(kv['value'])
        if kind == 'count' and unit in ('年','个月','天'): kind, unit = 'duration', {'年':'year','个月':'month','天':'day'}[unit]
        q = 'exact'
        if 'more' in flags:
            q = 'more_than'; d_l = v
        if 'approx' in flags: q = 'approximate'
        if 'nearly' in flags: q = 'nearly'
        if 'less' in flags: q = 'less_than'
        if 'range' in flags: q = 'range'
        d.update(value=round(v, 6) if v != int(v) else int(v), unit=unit, kind=kind, qualifier=q)
        if q == 'more_than':
            d['lower'] = d['value']
            digits = re.match(r'([0-9.]+)', text.replace(',', ''))
            # Chinese-numeral figures (三千九百餘人) give their upper bound as a flag.
            if re.search(r'[多余餘]', text) and digits and 'upper' not in kv:
                m = digits.group(1)
                step = 10 ** (len(m) - len(m.rstrip('0'))) if '.' not in m else 10 ** -len(m.split('.')[1])
                d['upper'] = round(v / float(m) * (float(m) + step), 6)
        if q == 'nearly': d['upper'] = d['value']
        if q == 'less_than': d['upper'] = d['value']
        for k in ('lower','upper'):
            if k in kv: d[k] = float(kv[k])
        if 'up' in flags: d.update(change=True, direction='up')
        if 'down' in flags: d.update(change=True, direction='down')
        if 'period' in kv: d['period'] = kv['period']
        if 'opt' in flags: d['optional'] = True
        lines.append(d)
    with open(out, 'w') as f:
        for d in lines: f.write(json.dumps(d, ensure_ascii=False) + '\n')
    print(len(lines), 'lines')
main(*sys.argv[1:])
