"""Cue words and character classes of Chinese newspaper typography, Simplified
and Traditional side by side. Recognisers read their patterns from here, so a
new byline or credit form is one entry."""
from __future__ import annotations

import re


def alternation(words: tuple[str, ...]) -> str:
    """The words as a regular-expression alternation, longest first, so "本报记者"
    is taken whole rather than as "本报" and "记者"."""
    return "|".join(sorted(map(re.escape, words), key=len, reverse=True))


# Sentence-final punctuation, and what may close after it ("。”", "！）").
TERMINALS = "。！？!?…；;：:"
CLOSERS = "”’」』）)》〉】\"'"
STANDALONE_ENDINGS = ("……", "——")

# Full-width punctuation that typesetters squeeze to half width next to another.
SQUEEZABLE = "，。、；：！？“”‘’「」『』（）《》〈〉【】"
OPENERS = "“‘「『（《〈【"
# Brackets that may open and close a short aside: a bracketed dateline or byline.
BRACKET_OPENERS, BRACKET_CLOSERS = "（(【〔[「『《〈“", "）)】〕]」』》〉”"

# Punctuation that only occurs inside running sentences: a line holding one of
# these is body text, not a headline.
SENTENCE_PUNCT = "，。；！？：,;!?"

# Character classes used inside regular expressions.
CJK = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
SEQUENCE_SIGN = r"[①-⑳❶-❿⑴-⒇]"

# Newspaper's own-news cues (dateline words).
OWN_NEWS = ("本报讯", "本報訊", "本报消息", "本報消息", "本报专讯", "本報專訊", "本报特讯", "本報特訊",
            "本报综合报道", "本報綜合報導")
AGENCIES = ("新华社", "新華社", "中新社", "中新網", "中新网", "中央社", "人民网", "人民網",
            "央视网", "央視網", "法新社", "路透社", "美联社", "美聯社", "共同社", "韩联社", "韓聯社")
# What a roundup of wire reports names besides the agencies: "综合外电报道", "綜合美聯社及路透報道".
WIRE_WORDS = ("外电", "外電", "路透", "美联", "美聯", "法新", "各方", "多家媒体", "多家媒體")
REPORTER = ("记者", "記者", "通讯员", "通訊員", "实习生", "實習生", "特约记者", "特約記者",
            "本报记者", "本報記者", "本报通讯员", "本報通訊員", "见习记者", "見習記者", "本报特约记者",
            "本報特約記者", "特派记者", "特派記者", "本报特派记者", "本報特派記者", "新华社记者", "新華社記者",
            "中新社记者", "中新社記者", "央视记者", "央視記者", "中央社記者", "首席记者", "首席記者",
            "编译", "編譯")
REPORTER_PATTERN = alternation(REPORTER)
# A newspaper's name: "明報", "光明日报", "星島日報", "江澜都市报"; not one ending "…本报"
# (a headline's last words run into "本报讯" when two lines are read as one).
PAPER_PATTERN = rf"[{CJK}]{{1,6}}(?<!本)(?:日报|日報|晚报|晚報|时报|時報|商报|商報|报|報)"
# A reporter's role, perhaps after the paper's name: "记者", "光明日报记者".
REPORTER_ROLE_PATTERN = rf"(?:{PAPER_PATTERN}\s*)?(?:{REPORTER_PATTERN})"
REPORTER_COLUMNS = ("追踪", "追蹤", "手记", "手記", "观察", "觀察", "调查", "調查", "探访", "探訪", "走访", "走訪",
                    "直击", "直擊", "连线", "連線", "视点", "視點", "随笔", "隨筆", "札记", "札記", "体验", "體驗",
                    "跟踪", "跟蹤", "在现场", "在現場", "见闻", "見聞", "故事")
REPORTER_VERBS = ("看到", "了解", "获悉", "獲悉", "注意", "走进", "走進", "来到", "來到", "从", "從", "在", "采访",
                  "採訪", "发现", "發現", "介绍", "介紹", "表示", "说", "說", "问", "問", "看见", "看見",
                  "跟随", "跟隨", "随", "隨", "近日", "日前", "昨日", "昨天", "今天", "一行", "们", "們")
# Common family names (the commonest few hundred, Simplified and Traditional forms), one
# character each, and the compound ones: a line of names alone under a title is an
# author's byline.
SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
    "姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
    "常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季"
    "裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦"
    "戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻"
    "苑迟邝區張劉陳楊黃趙吳孫馬鄭謝韓馮鄧蕭葉蘇呂盧鍾譚陸範賈韋鄒閆龍賀顧龔錢嚴湯齊喬龐顏聶魯歐蘭紀單塗駱"
    "藍遊鮑饒農繆項連蘆竇費衛應鄔邊師欒鞏莊黎"
)
COMPOUND_SURNAMES = (
    "欧阳", "歐陽", "司马", "司馬", "上官", "诸葛", "諸葛", "东方", "東方", "皇甫", "尉迟", "尉遲", "公孙",
    "公孫", "令狐", "慕容", "夏侯", "长孙", "長孫",
)
COMMENTATORS = ("本报评论员", "本報評論員", "特约评论员", "特約評論員", "评论员", "評論員", "本报编辑部",
                "本報編輯部")
# A staff title after a columnist's name: "X 本報投資理財主編", "X 特約撰稿人".
STAFF_TITLES = ("主编", "主編", "主笔", "主筆", "编辑", "編輯", "评论员", "評論員", "专栏作家", "專欄作家",
                "撰稿人", "分析师", "分析師", "顾问", "顧問", "记者", "記者")
EDITOR_ROLES = ("編輯", "编辑", "責任編輯", "责任编辑", "責編", "责编", "譯者", "译者", "核稿", "審校", "审校")
NOT_SOURCE_NOTES = ("草案", "待续", "待續", "未完待续", "未完待續", "全文完", "完", "试行", "試行", "附件",
                    "图片", "圖片", "资料图片", "資料圖片", "上午", "下午", "摘编", "摘編", "节选", "節選",
                    "有删节", "有刪節", "续完", "續完", "修订", "修訂", "暂行", "暫行")
REPORT_VERBS = ("报道", "報導", "报导", "報道")
# How a byline may say what its names did besides reporting: "本報記者X編譯", "记者X整理".
BYLINE_VERBS = (*REPORT_VERBS, "编译", "編譯", "整理")
# The label before an author's name on a line of its own: "作者：X", "撰文：X".
AUTHOR_LABELS = ("作者", "撰文", "撰稿", "执笔", "執筆")
# Marks a paper sets before a byline: "□X", "▍本報記者X".
BYLINE_MARKS = "□■◎●▍▌"
# The words a dateline ends with: how the story was sent.
SENDING_WORDS = ("专讯", "專訊", "讯", "訊", "电", "電", "消息", *REPORT_VERBS)

# Photo credits.
CREDIT_WORDS = ("摄", "攝", "摄影", "攝影")
CREDIT_PHRASES = ("资料图片", "資料圖片", "资料图", "資料圖", "新华社发", "新華社發", "新华社记者摄",
                  "中新社发", "中新社發", "图片由受访者提供", "圖片由受訪者提供",
                  "视觉中国", "視覺中國", "人民视觉", "人民視覺", "資料照片", "資料照", "资料照片",
                  "讀者提供", "读者提供", "图片来源", "圖片來源", "网络图片", "網絡圖片", "網路圖片",
                  "网上图片", "網上圖片", "档案照片", "檔案照片", "档案照", "檔案照", "视频截图", "視頻截圖")
# A picture's source named after these in brackets: "（取自脸书）", "（翻攝自網路）".
# How a reprinted story names where it was first printed: "（摘自10月30日《X报》 作者：X）".
REPRINT_WORDS = ("摘自", "摘编自", "摘編自", "选自", "選自", "转自", "轉自", "转载自", "轉載自", "原载", "原載",
                 "来源：", "來源：", "来源:", "來源:")
SOURCE_WORDS = ("取自", "翻摄自", "翻攝自", "摘自", "截自", "图源", "圖源")
DRAWN_WORDS = ("作", "绘", "繪")  # "王海 作", "（黄伟 绘）": an illustration's artist
EDITOR_NOTES = ("编者按", "編者按", "编者的话", "編者的話", "编者附记", "編者附記")
# A reader's letter opens by addressing the editors: "编辑同志：", "尊敬的编辑同志：", "編輯先生：".
LETTER_ADDRESSEES = ("编辑同志", "編輯同志", "编辑先生", "編輯先生", "编辑部", "編輯部", "编辑老师", "編輯老師")
LETTER_COURTESIES = ("尊敬的", "親愛的", "亲爱的")
# Who stands where in a photo: "骆秀英（右）", "（左二）".
POSITION_MARK = r"[（(](?:[左右中前后後上下]|左起|右起)[一二三四五六七八九]?[）)]"
CAPTION_OPENERS = ("图为", "圖為", "上图", "上圖", "下图", "下圖", "左图", "左圖", "右图", "右圖",
                   "图①", "圖①", "图：", "圖：")

# Continuation markers: direction words. Where a marker stands decides (opening a
# story: continued from; closing one: continued to); a word of either direction
# is read by its place alone, the others are checked against it.
CONTINUED_FROM = ("上接", "紧接", "緊接", "接上", "承")
CONTINUED_TO = ("下转", "下轉", "转", "轉", "续见", "續見", "接下", "见", "見",
                "相关新闻见", "相關新聞見", "相关报道见", "相關報導見", "详见", "詳見")
# Words sending the reader on to a page without brackets: "…詳情見於A6".
DETAILS_ON = ("详情请见", "詳情請見", "详情见于", "詳情見於", "详情见", "詳情見", "详见", "詳見")
# A story closed unfinished, no page named: "（未完待续）".
UNFINISHED = ("未完待续", "未完待續")
CONTINUED_EITHER = ("接", "续", "續")
# A page named by where it is, not by its number: "（接上版）", "（转下版）".
PREVIOUS_PAGE = ("上版", "前版")
NEXT_PAGE = ("下版", "次版")

# Column (section) names printed as a banner over short items.
COLUMN_NAMES = ("简讯", "簡訊", "简报", "簡報", "快讯", "快訊", "短讯", "短訊", "要闻", "要聞",
                "图片新闻", "圖片新聞", "新闻速递", "新聞速遞", "本地新闻", "本地新聞", "综合", "綜合",
                "资讯", "資訊", "速读", "速讀", "一周要闻", "一週要聞", "公告", "广告", "廣告")
COLUMN_SUFFIXES = ("简讯", "簡訊", "简报", "簡報", "快讯", "快訊", "短讯", "短訊", "速递", "速遞", "速读", "速讀",
                   "集锦", "集錦", "一览", "一覽", "摘编", "摘編", "导读", "導讀")
ITEM_BULLETS = "●◆■▲★☆○◇□•▶►"
# What opens a brief in a column: the item bullets, and "◎", which marks briefs only (never a
# notice's list item: as a bullet to the labeller it cost 35 to 43 lines held out).
BRIEF_MARKS = ITEM_BULLETS + "◎"

# Signature blocks (closers) end with an issuing body.
ISSUER_ENDINGS = ("主席团", "主席團", "委员会", "委員會", "常务委员会", "常務委員會", "人民政府",
                  "办公室", "辦公室", "办公厅", "辦公廳", "管理局", "局", "厅", "廳", "部", "院",
                  "政府", "党委", "黨委", "组委会", "組委會", "协会", "協會", "学会", "學會",
                  "公司", "集团", "集團", "中心", "指挥部", "指揮部", "领导小组", "領導小組",
                  "筹备组", "籌備組", "支部", "总会", "總會", "大会", "大會", "会议", "會議",
                  "市委", "县委", "縣委", "省委", "区委", "區委", "常委会", "常委會", "党组", "黨組",
                  "纪委", "紀委", "监委", "監委", "支队", "支隊", "大队", "大隊", "总队", "總隊", "处", "處",
                  "站", "所", "署", "司", "联合会", "聯合會", "工会", "工會", "妇联", "婦聯", "团委", "團委")

# An official signing a notice in person: title, then name.
SIGNER_TITLES = ("县长", "縣長", "市长", "市長", "区长", "區長", "镇长", "鎮長", "乡长", "鄉長", "省长", "省長",
                 "主任", "主任委员", "主任委員", "局长", "局長", "院长", "院長", "校长", "校長", "董事长",
                 "董事長", "总经理", "總經理", "理事长", "理事長", "会长", "會長", "主席", "部长", "部長",
                 "负责人", "負責人", "法定代理人", "司法事务官", "司法事務官", "书记官", "書記官", "审判长", "審判長",
                 "法官", "执行员", "執行員", "清算人", "破产管理人", "破產管理人")

# Field labels that open the paragraphs of an official notice.
DOCUMENT_FIELDS = ("主旨", "依據", "依据", "說明", "说明", "公告事項", "公告事项", "附件", "附記", "附记", "備註",
                   "备注", "事由", "聯絡人", "联系人", "聯絡電話", "联系电话", "地址", "報名方式", "报名方式",
                   "申請方式", "申请方式", "受理單位", "受理单位", "截止日期")

# Who signs a reader's letter: "…小区居民 葛玉兰".
SIGNER_DESCRIPTORS = ("市民", "居民", "读者", "讀者", "村民", "家长", "家長", "学生", "學生", "教师", "教師",
                      "网友", "網友", "职工", "職工", "员工", "員工", "志愿者", "志願者", "业主", "業主",
                      "老师", "老師", "退休人员", "退休人員", "乘客", "患者", "消费者", "消費者", "农民", "農民")

# A resolution/notice is adopted by a meeting: "（2024年2月6日…会议通过）".
ADOPTION_WORDS = ("通过", "通過", "批准", "公布", "发布", "發布", "施行")
# A second headline line opening with these carries on the first line's words.
TITLE_CONTINUATIONS = ("与", "與", "和", "及", "并", "並", "的", "、", "“", "「", "《", "（", "暨")
# How the title of a meeting's resolution, of a notice, of any official document ends.
RESOLUTION_HEADS = ("决议", "決議", "决定", "決定")
NOTICE_HEADS = ("公告", "通告", "通知", "启事", "啟事", "声明", "聲明")
RESOLUTION_TITLES = RESOLUTION_HEADS + NOTICE_HEADS + ("公报", "公報", "条例", "條例", "办法", "辦法", "告示")
