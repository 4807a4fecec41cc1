import Foundation

/// article.raw events that carry pages (written for the project: places and figures are made up).
enum HTMLArticles {
    static let statisticsPage = """
        <html><head><meta charset="utf-8"><meta name="ArticleTitle" content="白石县2025年统计公报">
        <meta name="PubDate" content="2026-02-20"><meta name="ContentSource" content="白石县统计局"></head>
        <body><div class="nav"><a href="/">首页</a><a href="/tj">统计</a></div>
        <p>全年地区生产总值<span>268.4</span>亿元，增长<b>6.2</b>%。</p>
        <table><tr><th>指标</th><th>产量（万吨）</th><th>比上年增长(%)</th></tr>
        <tr><td>粮食</td><td>41.3</td><td>1.8</td></tr><tr><td>蔬菜</td><td>22.6</td><td>-0.7</td></tr></table>
        <div class="footer">访问量：99999次</div></body></html>
        """
    static let newsPage = """
        <html><body><nav><a href="/">首页</a></nav><p>今年新建<span>12</span>所学校，投入资金3.5亿元。</p></body></html>
        """
    static let pages = [statisticsPage, newsPage]

    /// An event whose page is given as text (`html` string), no body.
    static func json(id: String, html: String, extra: [String: Any] = [:]) -> [UInt8] {
        var obj: [String: Any] = ["id": id, "url": "https://gov.example.cn/\(id).html", "html": html]
        for (k, v) in extra { obj[k] = v }
        return Array(try! JSONSerialization.data(withJSONObject: obj, options: [.sortedKeys]))
    }
}
