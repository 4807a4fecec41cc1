import MetricParser
import PageText
import Testing

/// How tables are told apart and read: data vs layout, where the unit comes from, headers.
@Suite("Tables as data")
struct TableReadingTests {
    func metrics(_ html: String) throws -> [PageMetric] {
        try PageMetrics.extract(try PageReader().read(html: html))
    }

    @Test("the 单位 line after the table, th row headers in the body, a negative change")
    func unitAfterAndRowHeaders() throws {
        let found = try metrics(
            """
            <table><tr><th>指标</th><th>本年</th><th>增减(%)</th></tr>
            <tr><th>财政收入</th><td>45.2</td><td>-3.1</td></tr>
            <tr><th>税收收入</th><td>30.8</td><td>2.4</td></tr></table>
            <p>单位：亿元</p>
            """)
        #expect(
            found.map(describe) == [
                "45.2 财政收入 4520000000.0 CNY money - (0, 1, 1)",
                "-3.1 财政收入 -3.1 percent percent down (0, 1, 2)",
                "30.8 税收收入 3080000000.0 CNY money - (0, 2, 1)",
                "2.4 税收收入 2.4 percent percent up (0, 2, 2)",
            ])
    }

    @Test("year columns become the period; a cell with its own unit keeps it; a bare count of nothing is not a metric")
    func periodsAndUnits() throws {
        let found = try metrics(
            """
            <table><tr><td>项目</td><td>2024年</td><td>2025年</td></tr>
            <tr><td>旅游收入</td><td>12.5亿元</td><td>15.0亿元</td></tr>
            <tr><td>接待游客</td><td>320</td><td>410</td></tr></table>
            """)
        #expect(found.map(\.metric.text) == ["12.5亿元", "15.0亿元"])
        #expect(found.map(\.metric.period) == ["2024年", "2025年"])
        #expect(found.map(\.metric.subject) == ["旅游收入", "旅游收入"])
    }

    @Test("a percent sign without brackets, 万 in the header multiplies, spaced-out header words")
    func headerForms() throws {
        let found = try metrics(
            """
            <table><tr><td>地  区</td><td>户籍人口(万人)</td><td>占比%</td></tr>
            <tr><td>城  关  镇</td><td>3.4</td><td>21.5</td></tr></table>
            """)
        #expect(
            found.map(describe) == [
                "3.4 城关镇户籍人口 34000.0 人 count - (0, 1, 1)",
                "21.5 城关镇占比 21.5 percent percent - (0, 1, 2)",
            ])
    }

    @Test("layout tables (long cells, nested tables) are read as text, their sentences parsed as usual")
    func layoutTable() throws {
        let prose = String(repeating: "全县坚持以人民为中心的发展思想，统筹推进各项工作。", count: 8)
        let page = try PageReader().read(
            html: """
                <table><tr><td><table><tr><td>导航</td></tr></table></td><td><p>\(prose)全年投入资金3.2亿元。</p></td></tr>
                <tr><td>左</td><td>右</td></tr></table>
                """)
        #expect(page.tables.isEmpty)
        let found = try PageMetrics.extract(page)
        #expect(found.map(\.metric.text) == ["3.2亿元"])
        #expect(found.first?.location == nil)
    }

    @Test("a hostile rowspan/colspan is capped, not allocated")
    func hostileSpans() throws {
        let found = try metrics(
            """
            <table><tr><td>指标</td><td colspan="100000">数量（个）</td></tr>
            <tr><td rowspan="65534">学校</td><td>12</td></tr><tr><td>8</td></tr></table>
            """)
        #expect(found.map(\.metric.text) == ["12", "8"])
        #expect(found.map(\.metric.subject) == ["学校", "学校"])
    }
}

@Suite("Tables as data: numbering columns")
struct NumberingColumnTests {
    @Test("a 序号 column (or 1, 2, 3 … without a header) counts rows: neither a metric nor part of a subject")
    func numbering() throws {
        for header in ["序号", ""] {
            let page = try PageReader().read(
                html: """
                    <table><tr><td>\(header)</td><td>乡镇</td><td>新增就业（人）</td></tr>
                    <tr><td>1</td><td>东坝镇</td><td>320</td></tr><tr><td>2</td><td>西湖乡</td><td>185</td></tr></table>
                    """)
            let found = try PageMetrics.extract(page)
            #expect(
                found.map(describe) == [
                    "320 东坝镇新增就业 320.0 人 count - (0, 1, 2)",
                    "185 西湖乡新增就业 185.0 人 count - (0, 2, 2)",
                ], "header '\(header)'")
        }
    }
}

@Suite("Tables as data: unit columns")
struct UnitColumnTests {
    @Test("a 单位 column gives each row its unit; a unit in the column header still wins (增长 %)")
    func unitColumn() throws {
        let page = try PageReader().read(
            html: """
                <table><tr><td>指标</td><td>单位</td><td>绝对数</td><td>比上年增长(%)</td></tr>
                <tr><td>粮食产量</td><td>万吨</td><td>41.3</td><td>1.8</td></tr>
                <tr><td>民用汽车保有量</td><td>万辆</td><td>86.5</td><td>6.2</td></tr>
                <tr><td>城镇居民人均可支配收入</td><td>元</td><td>48620</td><td>5.1</td></tr></table>
                """)
        #expect(
            try PageMetrics.extract(page).map(describe) == [
                "41.3 粮食产量 413000000.0 kg mass - (0, 1, 2)",
                "1.8 粮食产量 1.8 percent percent up (0, 1, 3)",
                "86.5 民用汽车保有量 865000.0 辆 count - (0, 2, 2)",
                "6.2 民用汽车保有量 6.2 percent percent up (0, 2, 3)",
                "48620 城镇居民人均可支配收入 48620.0 CNY money - (0, 3, 2)",
                "5.1 城镇居民人均可支配收入 5.1 percent percent up (0, 3, 3)",
            ])
    }
}

@Suite("Tables as data: title rows")
struct TitleRowTests {
    @Test("a first row across the whole table is its title: its 单位 applies, its words stay out of subjects")
    func titleRow() throws {
        let page = try PageReader().read(
            html: """
                <table><tr><td colspan="3">表1 2025年各镇财政收入（单位：万元）</td></tr>
                <tr><td>镇</td><td>一般公共预算收入</td><td>税收收入</td></tr>
                <tr><td>东坝镇</td><td>3560</td><td>2210</td></tr></table>
                """)
        #expect(
            try PageMetrics.extract(page).map(describe) == [
                "3560 东坝镇一般公共预算收入 35600000.0 CNY money - (0, 2, 1)",
                "2210 东坝镇税收收入 22100000.0 CNY money - (0, 2, 2)",
            ])
    }
}
