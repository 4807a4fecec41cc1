/// Closed word classes that frame a quantity in a Chinese clause: the verbs that take it as an
/// object (召开…5644场次), the linking words between a subject and its figure (覆盖率达88.8%),
/// change verbs (比上年增长7.7%), and the scope and function words trimmed off a subject.
enum PredicateLexicon {
    /// Linking words right before a figure: SUBJECT + 达/为/有/共计 + NUMBER.
    static let linkers = WordList(
        """
        达到 达 为 是 有 共有 就有 已有 还有 另有 尚有 计 共计 合计 合共 总计 累计 累计达 累计达到 累计为 共 总共 一共 \
        分别为 分别是 分别达 分别达到 分别 均为 均达 均 都 占 仅 只有 仅有 高达 增至 增长到 增长至 提高到 提高至 \
        降至 降到 减至 减到 至 下降到 下降至 上升到 上升至 调低到 调低至 调高到 调高至 跌至 跌到 增加到 增加至 扩大到 扩大至 缩小到 缩小至 减少到 减少至 达到了 录得 突破 升至 \
        跃升至 攀升至 回升至 回落至 实现了 完成了 约为 约有 总量为 总量达 规模达 规模为 已达 已达到 已超过 超 逾 只 即 仍有 \
        分別 分別為 分別是 分別達 分別達到 分別佔 分别占 為 佔 達 達到 介于 介於 介乎 \
        达成 攀升到 跃升到 上涨到 上涨至 下跌至 下跌到 突破了 超过了 多达 保持在 保持 稳定在 控制在 维持在 位居 排名
        """)
    /// Particles and adverbs stripped (without making the clause "linked").
    static let particles = WordList("了 的 也 又 再 还 已 已经 就 共 便 则 更 才 仍 仍然 将 都 均 分别 先后 累计 全部")

    /// Change verbs before a figure, with their direction.
    /// Taiwan/Hong Kong/Macau press words are listed with the mainland ones (成长 = 增长, 衰退 and
    /// 负成长 = 下降, 年增率 = 同比增速, 按年 = 同比, 按季 = 环比); traditional spellings fold.
    static let increase = WordList(
        """
        多增 净增 快 高 增长 增加 提高 上升 提升 增 涨 上涨 扩大 增多 递增 攀升 回升 跃升 升高 拉动 增长了 增加了 提高了 上升了 提升了 \
        扩大了 多 成长 正成长 增长为 成长了 调高 上调 上修 上扬 走高 年增 月增 季增 飙升 大增 劲升 延长 延长了 \
        升 微升 略升 小升 微增 略增 多出 高出 超出
        """)
    static let decrease = WordList(
        """
        少增 慢 低 下降 减少 降低 下滑 回落 减 降 下跌 跌 缩小 收窄 缩减 减小 降低了 下降了 减少了 少 减少了 回落了 收窄了 下调 \
        衰退 负成长 负增长 萎缩 下挫 滑落 走低 缩水 调低 下修 年减 月减 季减 锐减 大减 骤降 跌落 缩短 缩短了 \
        微降 微跌 略降 略跌 小跌 回跌 微减 略减
        """)
    /// Verbs that only carry their object (实现产值, 完成货物吞吐量): the clause's topic is the scope.
    /// Adverbs of occasion and persistence before a linking verb (首次突破, 再次达到, 仍然保持).
    static let linkAdverbs = WordList("首次 首度 再次 再度 已经 仍然 依然 一举 历史性地 又一次 第一次")
    /// Copulas stating a figure as a percent of a whole (为调整预算的101.3%): read as 占 is.
    static let ratioCopulas = WordList("为 為 是 相当于 相當於 约为 約為 仅为 僅為")
    static let lightVerbs = WordList("实现 完成 录得 实现了 完成了 共完成 累计完成 累计实现 拥有")
    /// Verbs of holding an event (召开会议, 举办培训班): their object, a meeting or a class, is the
    /// thing counted and the verb adds only that it took place.
    static let holdingVerbs = WordList("召开 举办 举行 开展 主办 承办 组织召开 组织开展 召开了 举办了 举行了 开展了")
    /// Verbs of a stock's increment (新增家庭农场37家): the count is the change of the stock the noun
    /// names, whose later total (总数达到412家) is of the noun alone.
    static let incrementVerbs = WordList("新增 净增 新增加 净增加")
    /// Adverbs between a topic and its verb (营业收入首次突破): not part of the topic.
    static let verbAdverbs = WordList("首次 再次 率先 持续 继续 进一步 已 已经 均 都 也 还 又 再 仍 稳步 大幅 明显 快速 首度 历史性")
    /// Adverbs of degree and manner before a change verb (按年大幅增长, 同比轻微下跌, 显著回升): how much or how
    /// it changes, never what changes; dropped from the subject and from the comparison (輕, 劇, 緩 are not
    /// in the fold table, so their traditional spellings are listed).
    static let degreeAdverbs = WordList(
        """
        大幅 大幅度 小幅 小幅度 微幅 轻微 轻度 略 略微 略为 稍 稍微 稍稍 稍为 显著 显着 明显 温和 急剧 剧烈 大大 \
        稳步 持续 快速 迅速 逐步 逐渐 缓慢 缓步 进一步 再度 继续 平稳 强劲 双双 齐齐 远 远远 \
        輕微 輕度 劇烈 緩慢 緩步
        """)
    /// Heads of a comparison with a named reference right before a figure (高于全国1.2个百分点).
    static let referenceHeads = WordList("高于 低于 超过 超出 优于 快于 慢于 多于 少于")
    /// Nouns that name a rate of change: 增速为7.7%, 降幅达3%, 年增率22.9%, 減幅37.32%.
    static let increaseRate = WordList("增速 增幅 增长率 涨幅 增长速度 增长幅度 增量 年增率 成长率 年成长率 经济成长率 升幅 年增幅")
    static let decreaseRate = WordList("降幅 跌幅 下降幅度 减幅 降速 衰退幅度 年减幅 月减幅 萎缩幅度")
    /// Comparison bases before a change verb: 比上年, 同比, 较去年同期, 按年 (HK: year on year), 按季.
    static let comparisonHeads = WordList("比 较 同比 环比 与 和 同 按年 按季 按月 相较 相比 较之")

    /// Transitive verbs that take the counted thing as object: [verb][object][number].
    static let verbs = WordList(
        """
        召开 举办 举行 开展 投入 建成 完成 实现 达成 新建 新增 新组建 组建 创建 打造 评出 评选 表彰 编发 印发 发布 发放 开发 \
        吸引 培训 开办 涉及 参加 参与 辐射 压实 编入 成立 走访 收集 解决 协调解决 帮助 带动 覆盖 惠及 受理 办理 处理 查处 \
        立案 审结 接待 救助 资助 安置 转移 招聘 吸纳 录用 引进 签约 签订 开工 竣工 投产 整改 清理 排查 检查 发现 拆除 关闭 \
        淘汰 改造 修建 新修 铺设 种植 造林 植树 销售 出口 进口 生产 获得 获 荣获 入选 推出 推荐 选派 派驻 下派 选聘 聘请 \
        邀请 设立 设置 建立 出台 制定 修订 拨付 下拨 安排 筹集 募集 捐赠 捐款 发展 培养 考察 提供 提出 收到 收回 追回 挽回 \
        接收 吸收 认定 评定 命名 授予 培育 扶持 支持 帮扶 慰问 调研 组织开展 开设 举办了 召开了 投入使用 建设完成 完成了 \
        实施 推进 新开工 续建 开通 新开通 建设 修复 治理 整治 查获 破获 抓获 侦破 处置 化解 调解 审理 执结 办结 征收 \
        编列 征集 收治 救治 接种 检测 核酸检测 服务了 培训了 开办了 组织了 开发了 吸引了 印发了 评出了 发放了 带动了 \
        达成了 引导 动员 号召 选树 树立 评为 表扬 奖励 发出 开具 颁发 签发 审批 批准 核准 备案 新设立 引入 落地 储备 储存 存放 投放 投资 融资 贷款 放贷 发行 上市 兑现 减免 减税 降费 退税 缴纳 上缴 \
        节约 节省 节能 签约 存在 现存 设有 拥有 建有 配有 开设有 完成投资 实现销售 接待游客 输送 转化 孵化 入驻 集聚 聚集 吸纳就业 带动就业 新增就业 提供就业 \
        开出 给出 查出 排查出 评选出 选出 完工
        """)
    /// Characters after a verb that make it part of a noun (培训班, 部署会, 注册人数, 使用次数).
    static let nominalAfterVerb = ScalarSet("余班会员者室站所费金款资量率数额中基机部人网系制点场证书卡线馆院校期次项目类型式总值面力能规")

    /// Pivot verbs (兼语动词) and verbs of rule (规定): their object is the actor of the next verb (要求书记参加…).
    static let pivotVerbs = WordList("要求 规定 鼓励 引导 组织 督促 动员 号召 推动 支持 帮助 让 使 请 邀请 安排")
    /// Adverbs and modals between an actor and its verb (至少参加, 每年都参加): not part of the actor.
    static let actorAdverbs = WordList("至少 最少 起码 最多 至多 都 均 也 还 又 再 已 已经 将 要 须 必须 应 应当 可 能")

    /// Scope, time and discourse words trimmed from the front of a subject.
    static let leadingNoise = WordList(
        """
        全市 全省 全国 全区 全县 全镇 全乡 全州 全盟 全港 全澳 全台 全年 全部 各级 各类 各地 各 其中 当中 此外 另外 同时 目前 当前 现 现有 \
        我市 本市 该市 我省 本省 该省 我区 本区 我县 本县 我国 截至目前 截止目前 今年 去年 上年 当年 年末 年底 年初 年内 \
        期末 其 共 已 已经 累计 先后 陆续 分别 共计 总计 合计 合共 在 对 把 将 向 给 由 被 从 为 和 与 及 并 且 而 还 也 又 都 \
        均 的 了 通过 经过 为了 围绕 一年来 一年以来 以来 其后 随后 之后 此后 至此 上半年 下半年 前三季度 一季度 二季度 \
        三季度 四季度 全年共 是 相当于 占 去年同期 上年同期 同期的 年度 本年度 全年累计 当月 本月 本周 今年以来 同期 就 已有 共有 \
        全院 全校 全厂 全村 全队 全委 全军 全系统 全乡镇 \
        我建议 本人建议 我提议 我们建议 我们将 其中以 当中以 尤以 尤其以 但 但是 然而
        """)
    /// Nouns whose first character is a one-character scope word (就业 is not 就 + 业, 在校生 not 在 + 校生).
    static let nounsOpeningWithNoise = WordList(
        """
        就业 就医 就学 就读 在校 在岗 在职 在建 在读 在园 在册 在编 在线 在途 对外 对口 从业 共产 共青 由于 其他 各项 \
        就诊 就餐 就近 在押 在营 在库 在院 在网 在外 其余 其它 从事 对象 共建 共享 都市 为民 并购 及时 和平 给予 \
        被告 还款 还贷 将军 把关 向导 与会 现代 现役 现金 现货 现场 各自
        """)
    /// Modals of expectation (有望, 可望, 料将, 预料 …) end a subject too: 入住率有望超过九成 → 入住率 (料 alone is
    /// not one: 材料, 饲料).
    static let trailingNoise = WordList(
        "的 了 等 等等 共 都 均 也 亦 由 从 摄氏 华氏 和 及 与 以及 或 并 还 就 为 达 中 在 保持在 控制在 稳定在 维持在 有望 可望 料将 料可 预料 料会 如下")
    /// Words a parenthetical remark opens with (`SubjectFinder.isRemark`): what the figure counts in
    /// or leaves out (含, 不含, 包括, 剔除 …), how it is reckoned (按可比价格计算, 以…计), a pointer
    /// (下同, 同上, 注, 简称, 即, 其中).
    static let parentheticalRemarks = WordList(
        """
        含 包含 内含 不含 未含 包括 不包括 未包括 剔除 扣除 除 除去 不计 未计 计入 不计入 按 以 下同 同上 注 \
        简称 以下简称 下称 即 其中 均为 均含 单位 \
        经季节性调整 未经季节性调整 经季节调整 未经季节调整 季节性调整后 初步 初步数字 临时数字 修订数字 暂定数
        """)
    /// Adverbs and prepositions that end a subject read forward from the number.
    static let forwardStops = WordList(
        """
        全部 累计 都 均 已 已经 共 分别 先后 还 也 被 将 把 获 获得 在 到 于 为 用于 用来 给 向 对 参加 参与 通过 开展 \
        进行 实现 完成 成为 入选 荣获 达 达到 占 比 较 同比 共计 合计 合共 总计 以上 以下 左右 等 并 纳入 投入 带动 覆盖 受到 得到 中有 中共有 当中有 之中
        """)
    /// Words whose last character is trailing noise on its own (平均 is not 平 + 均).
    static let keepWhole = WordList(
        """
        估计 预计 统计 审计 设计 会计 平均 人均 户均 日均 年均 月均 周均 村均 县均 乡均 镇均 校均 企均 亩均 场均 次均 涉及 普及 惠及 以及 波及 所在 存在 现在 实在 集中 其中 \
        适中 居中 高中 初中 人才 英才 成就 规则 原则 细则 准则 守则 总则 法则 变更 偿还 归还
        """)

    /// Adverbs that end a subject even when it includes its predicate (单位完成共建 but not 全部编入).
    static let predicateStops = WordList("全部 累计 都 均 已 已经 分别 先后 被 用于 用来 将 把 共计 合计 合共 总计 同比 比 较")
    /// A clause starting with these presents the counted set: 其中有5765家单位完成共建.
    static let existential = WordList("有 其中有 共有 还有 另有 尚有")
}
