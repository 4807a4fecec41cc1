/// What a 届 (term, edition) number can name. `NonMetricFilter.isTermNumber` reads a count in
/// 届 as the number of a term or session — an ordinal like 第 — when one of these follows it.
enum TermNouns {
    /// Bodies elected or convened by term (the organs of the PRC Constitution and of the Party and
    /// its mass organizations, company and association boards, graduating cohorts): 十九届四中全会,
    /// 十三届全国人大, 省十二届人大常委会, 2023届毕业生.
    static let bodies = WordList(
        """
        全会 中全会 全体会议 会议 代表大会 人民代表大会 全国人民代表大会 全国人大 人大 人大常委会 常委会 常务委员会 \
        政协 全国政协 委员会 中央委员会 中央 中央纪委 纪委 党委 省委 市委 县委 区委 州委 党代会 职代会 团代会 妇代会 \
        人民政府 政府 领导班子 班子 两委 村委会 居委会 理事会 董事会 监事会 常务理事会 代表 人大代表 委员 政协委员 \
        毕业生 高校毕业生 本科生 研究生 学生 新生 校友 学员
        """)
    /// Events held by edition: a name after 届 (十四届全运会), a count only when a verb of holding
    /// comes before the number (已连续举办12届博览会).
    static let events = WordList(
        """
        运动会 全运会 奥运会 亚运会 冬奥会 残运会 博览会 进博会 广交会 交易会 展览会 展会 论坛 峰会 大会 年会 \
        艺术节 文化节 电影节 旅游节 音乐节 读书节 科技节 赛 大赛 锦标赛 联赛 世界杯
        """)
    /// Verbs of holding (and the aspect marks after them) that make `N届 + event` a count of editions.
    static let holding = WordList("举办 举行 召开 承办 主办 连续 成功举办 已举办 共举办 累计举办 了 已 共 累计 连办")
}
