/// Names of industries as the statistical classifications write them: many hold 、, 和 or 及 inside one
/// name (批发和零售业, 信息传输、软件和信息技术服务业), so a list of them must not be split there.
///
/// Taken complete from the sections (门类) of China's GB/T 4754-2017 (national economy industries),
/// Taiwan's 行業統計分類 (第11次修正) 大類 and the industry groups Hong Kong's Census and Statistics
/// Department reports under HSIC 2.0; the simplified forms of the traditional names (WordList folds the
/// script, so traditional text matches them).
enum IndustryNames {
    static let list = WordList(
        // GB/T 4754-2017 门类 A–T.
        "农、林、牧、渔业 农林牧渔业 采矿业 制造业 电力、热力、燃气及水生产和供应业 建筑业 批发和零售业 "
            + "交通运输、仓储和邮政业 住宿和餐饮业 信息传输、软件和信息技术服务业 金融业 房地产业 租赁和商务服务业 "
            + "科学研究和技术服务业 水利、环境和公共设施管理业 居民服务、修理和其他服务业 教育 卫生和社会工作 "
            + "文化、体育和娱乐业 公共管理、社会保障和社会组织 国际组织 "
            // Taiwan 行業統計分類 大類 A–S (and 資訊及通訊傳播業 of the 10th revision, still in reports).
            + "农、林、渔、牧业 矿业及土石采取业 电力及燃气供应业 用水供应及污染整治业 营建工程业 批发及零售业 "
            + "运输及仓储业 住宿及餐饮业 出版影音及资通讯业 资讯及通讯传播业 金融及保险业 不动产业 "
            + "专业、科学及技术服务业 支援服务业 公共行政及国防；强制性社会安全 教育业 医疗保健及社会工作服务业 "
            + "艺术、娱乐及休闲服务业 其他服务业 "
            // Hong Kong (HSIC 2.0 groups as the C&SD's labour and GDP releases name them).
            + "进出口贸易、批发及零售业 进出口贸易及批发业 零售、住宿及膳食服务业 住宿及膳食服务业 "
            + "运输、仓库、邮政及速递服务业 资讯及通讯业 金融及保险业 地产、专业及商用服务业 专业及商用服务业 "
            + "公共行政、社会及个人服务业 建造业 "
            // The sections' usual short forms.
            + "住宿餐饮业 批发零售业 交通运输仓储和邮政业 交通运输、仓储及邮政业 信息传输、计算机服务和软件业")
}
