/// Wraps a report's plain text in the HTML of a typical Chinese government site, at run time
/// (tests and `make bench` use it on the shared corpus, whose text is never stored in the project): head with style and script, header with the
/// site name and navigation, a breadcrumb, a sidebar of links, the article in `<p>` paragraphs
/// indented with `&nbsp;`, every number in an inline `<span>` (and % in `<b>`), a share bar and a
/// footer. Chrome text carries figures of its own, which must not come out.
public enum GovernmentPage {
    public static func wrap(_ text: String, title: String) -> String {
        var body = ""
        for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
            body +=
                "<p style=\"text-indent:2em\">&nbsp;&nbsp;&nbsp;&nbsp;" + inlineSpans(escape(String(line))) + "</p>\n"
        }
        return """
            <!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
            <html xmlns="http://www.w3.org/1999/xhtml"><head>
            <meta http-equiv="Content-Type" content="text/html; charset=utf-8" />
            <title>\(escape(title))_青川市人民政府</title>
            <meta name="ArticleTitle" content="\(escape(title))">
            <meta name="PubDate" content="2026-01-15 10:00">
            <meta name="ContentSource" content="青川市统计局">
            <link rel="stylesheet" href="/css/style.css">
            <style type="text/css">.content p{line-height:200%;width:100%} #zoom{font-size:16px}</style>
            <script type="text/javascript">var visits = 100; function setFont(s){document.getElementById("zoom").style.fontSize=s+"px";}</script>
            </head>
            <body>
            <div id="top" class="header"><div class="logo"><img src="/logo.png" alt="青川市人民政府"></div>
            <div class="topbar">今天是2026年1月15日 星期四 <a href="/wza">无障碍</a> <a href="/en">English</a></div></div>
            <div class="nav"><ul><li><a href="/">首页</a></li><li><a href="/zwgk">政务公开</a></li><li><a href="/bsfw">办事服务</a></li>
            <li><a href="/hdjl">互动交流</a></li><li><a href="/tjxx">统计信息</a></li></ul></div>
            <div class="main clearfix">
            <div class="left sidebar"><h3>热点信息</h3><ul>
            <li><a href="/1">全市新增城镇就业3.2万人</a></li><li><a href="/2">一季度地区生产总值增长6.1%</a></li>
            <li><a href="/3">120个重点项目集中开工</a></li></ul></div>
            <div class="right">
            <div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk">政务公开</a> &gt; <a href="/tjxx">统计信息</a></div>
            <div class="article">
            <div class="content" id="zoom">
            \(body)</div>
            <div class="share">分享到：<a href="#">微信</a> <a href="#">微博</a> 【字体：<a href="javascript:setFont(18)">大</a> <a href="javascript:setFont(16)">中</a>】</div>
            </div></div></div>
            <div class="footer"><p>主办：青川市人民政府办公室&nbsp;&nbsp;网站标识码：5100000001&nbsp;&nbsp;备案号：00000000号</p>
            <p>总访问量：<span id="count">12345678</span>次&nbsp;&nbsp;联系电话：0000-12345678</p></div>
            </body></html>
            """
    }

    /// HTML's four text escapes (`&` first, so the others are not escaped twice).
    static func escape(_ s: String) -> String {
        [("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"), ("\"", "&quot;")].reduce(s) { text, pair in
            text.split(separator: Character(pair.0), omittingEmptySubsequences: false).joined(separator: pair.1)
        }
    }

    /// Every run of ASCII digits (with . and ,) in a span, every % in bold: tags inside figures.
    static func inlineSpans(_ s: String) -> String {
        var out = "", run = ""
        func flush() {
            if !run.isEmpty { out += "<span class=\"num\">" + run + "</span>" }
            run = ""
        }
        for c in s {
            if c.isASCII, c.isNumber || (c == "." && !run.isEmpty) {
                run.append(c)
            } else {
                flush()
                out += c == "%" ? "<b>%</b>" : String(c)
            }
        }
        flush()
        return out
    }
}
