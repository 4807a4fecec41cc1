/// Traditional → simplified folding for lexicon look-ups.
///
/// Reports from Taiwan, Hong Kong and Macau write 增長, 減少, 較去年, 佔, 億: every closed word
/// list (qualifiers, change verbs, units, measure words, scope words) is written once in
/// simplified characters and matched through this fold, so a traditional text reads the same
/// words without a second copy of each list. The text itself is not rewritten (subjects and
/// measure words keep the article's script); only comparisons go through `simplified`.
///
/// The table covers the traditional forms of the characters the lexicons use, plus the common
/// one-to-one pairs of the 通用规范汉字表 traditional/simplified correspondence; characters whose
/// simplified form is ambiguous in context (著/着, 乾/干, 後/后 is kept: it is unambiguous as a
/// word part) are left alone.
enum ScriptFold {
    /// Pairs "traditional simplified" written as one string of alternating characters.
    static let pairs = """
        萬万億亿兩两倆两點点個个幾几負负對对雙双陸陆貳贰圓圆塊块錢钱噸吨釐厘裏里裡里與与間间侖仑時时\
        幣币臺台檯台華华攝摄歲岁週周項项條条場场戶户張张輛辆門门種种類类隻只頭头畝亩區区縣县鎮镇\
        餘余內内約约達达為为際际當当從从樣样價价額额碼码號号單单筆笔顆颗盤盘輪轮屆届倉仓圍围\
        頃顷鎊镑盧卢韓韩瑪玛鐘钟纔才長长減减較较漲涨擴扩縮缩數数總总計计實实現现過过將将這这們们\
        來来後后會会業业經经濟济發发產产農农務务財财稅税貿贸營营銷销購购買买賣卖鄉乡處处冊册棟栋\
        頓顿節节層层幀帧頁页隊队劑剂針针員员車车課课學学標标組组創创紀纪錄录歷历於于環环國国佔占\
        滿满動动調调遞递躍跃導导開开辦办舉举評评選选訓训參参輻辐壓压編编訪访決决協协幫帮帶带蓋盖\
        資资審审結结轉转納纳進进簽签訂订檢检關关閉闭鋪铺設设樹树獲获榮荣薦荐駐驻請请製制撥拨籌筹\
        贈赠養养認认問问織织規规穩稳維维僅仅還还則则別别級级該该預预違违臨临親亲貼贴錯错趕赶\
        積积極极線线網网電电氣气運运輸输鐵铁機机灣湾島岛醫医療疗藥药衛卫師师體体術术藝艺館馆園园\
        廳厅樓楼讓让應应議议黨党團团軍军戰战爭争報报紙纸書书聞闻視视聽听說说話话語语讀读寫写譯译\
        記记檔档質质屬属範范態态勢势構构廠厂礦矿貨货庫库融融貧贫窮穷災灾難难險险損损傷伤婦妇兒儿\
        嬰婴齡龄壽寿殘残診诊護护測测驗验試试題题論论統统據据顯显漸渐趨趋勁劲強强揚扬貶贬虧亏賺赚\
        賠赔償偿債债擔担異异變变並并見见覺觉愛爱歡欢樂乐興兴奮奋鬥斗閱阅隨随陽阳陰阴陣阵階阶雞鸡\
        離离雲云靈灵頂顶順顺須须領领顏颜願愿顧顾風风飛飞飯饭飲饮飼饲饒饶馬马騎骑髮发鬆松魚鱼鳥鸟\
        鴨鸭鹽盐麥麦黃黄齊齐齒齿龍龙龜龟貝贝納纳茲兹瓦瓦紐纽蘭兰亞亚爾尔羅罗賓宾聯联謝谢銖铢\
        匯汇銀银貸贷儲储證证費费準准億亿兆兆幹干橫横寬宽廣广擁拥衝冲滯滞帳帐賬账賦赋徵征繳缴\
        稱称職职聘聘僱雇薪薪獎奖勵励補补貼贴災灾撤撤銷销註注冊册號号碼码達达邊边遠远鄰邻鐘钟\
        糧粮漁渔牧牧畜畜蔬蔬蘋苹園园莊庄葉叶樹树場场廢废汙污淨净潔洁綠绿態态溫温濕湿壩坝橋桥隧隧\
        燈灯熱热煉炼鋼钢鋁铝銅铜鋅锌錫锡礦矿煤煤油油氫氢碳碳氮氮輛辆艙舱軌轨駛驶載载貨货港港\
        軟软硬硬體体據据庫库聯联網网絡络際际術术導导測测試试驗验製制賽赛獎奖牌牌館馆藝艺\
        習习練练課课訊讯傳传媒媒廣广播播攝摄錄录檔档權权憲宪選选舉举黨党員员議议會会團团\
        兌兑換换額额盈盈餘余負负債债稅税費费價价廉廉貴贵賤贱錢钱銀银財财資资產产業业\
        億亿萬万邁迈嗎吗麼么呢呢著着\
        續续繼继剛刚斷断連连
        """

    /// simplified(c) for every BMP scalar (identity where no pair applies).
    nonisolated(unsafe) static let pointer: UnsafePointer<UInt16> = {
        let p = UnsafeMutablePointer<UInt16>.allocate(capacity: 0x10000)
        for i in 0..<0x10000 { p[i] = UInt16(i) }
        var chars: [UInt32] = []
        for sc in pairs.unicodeScalars where sc.value > 0x7F { chars.append(sc.value) }
        var k = 0
        while k + 1 < chars.count {
            let t = chars[k], s = chars[k + 1]
            // 著/着 is not folded (著名); the pair is listed only to keep the string in pairs.
            if t < 0x10000, s < 0x10000, t != u("著") { p[Int(t)] = UInt16(s) }
            k += 2
        }
        return UnsafePointer(p)
    }()

    /// The BMP scalars `simplified` changes (the traditional side of `pairs`, a few repeated).
    static let changed: [UInt32] = pairs.unicodeScalars.map(\.value).filter {
        $0 < 0x10000 && UInt32(pointer[Int($0)]) != $0
    }

    @inline(__always)
    static func simplified(_ c: UInt32) -> UInt32 { c < 0x10000 ? UInt32(pointer[Int(c)]) : c }

    /// `word` with every character folded (lexicon entries may be written in either script).
    static func simplified(_ word: [UInt32]) -> [UInt32] { word.map { simplified($0) } }
}
