"""Build the synthetic labelled matching set in ./synth/ (same shape as ../shared/eval/match_dev).

Every person and posting is written by hand with its *intent* (kinds of work, places, pay floor,
licences) beside its free text; labels come from those intents by the programme's rules, never
from the matcher. Distractors: the same job in the wrong city, pay below the wish, a missing
licence, age or gender limits, local-only public-welfare posts, closed or full postings.

Run: .venv/bin/python tests/matching/data/make_synth.py
"""

from __future__ import annotations

import json
from pathlib import Path

from core.gazetteer import get_gazetteer

OUT = Path(__file__).resolve().parent / "synth"
g = get_gazetteer()
UNSKILLED = {"tea_garden", "cleaning", "factory", "logistics", "security", "handicraft", "farming", "catering", "retail", "construction", "housekeeping"}
IMPLIES = {"A2": {"B2", "C1"}, "B2": {"C1"}, "A1": {"B2", "C1"}}


def county(name: str) -> str:
    c = g.resolve(name)
    assert c, name
    return c.code


def city(name: str) -> set[str]:
    code = g.resolve_city(name)
    assert code, name
    return set(g.in_city(code))


def near(name: str) -> set[str]:
    c = county(name)
    return {c, *g.neighbours(c)}


# id, gender, age, home, poor, status, skills, wishes, kinds, places, min_pay, certs
PEOPLE = [
    ("S01", "男", 45, "泉州市惠安县", True, "seeking", "干了二十年泥瓦匠，砌墙贴砖都行", "惠安本地的工地，工资8000以上", {"masonry", "construction"}, {county("惠安")}, 8000, set()),
    ("S02", "女", 39, "福州市连江县", True, "seeking", "在服装厂做过平车", "福州或者莆田都可以，最好包吃住", {"sewing", "factory"}, city("福州") | city("莆田"), None, set()),
    ("S03", "男", 31, "三明市尤溪县", True, "seeking", "有叉车证，在仓库开过三年叉车", "想去厦门，月薪不低于六千", {"forklift", "logistics"}, city("厦门"), 6000, {"forklift"}),
    ("S04", "女", 52, "宁德市古田县", True, "seeking", "帮人带过小孩，会做辅食", "想去福州做保姆", {"nanny", "housekeeping"}, city("福州"), None, set()),
    ("S05", "男", 48, "泉州市安溪县", True, "seeking", "做铁观音十几年，会摇青", "安溪本地", {"tea"}, {county("安溪")}, None, set()),
    ("S06", "女", 58, "南平市政和县", True, "seeking", "没读过书，啥技术都没有", "老人要照顾，走不开", set(), {county("政和")}, None, set()),
    ("S07", "女", 41, "龙岩市连城县", True, "seeking", "会绣花", "就在家门口做点手工", {"handicraft"}, {county("连城")}, None, set()),
    ("S08", "男", 36, "漳州市云霄县", True, "seeking", "电焊工，持焊工证", "漳州市内都行，七千以上", {"welding"}, city("漳州"), 7000, {"welder"}),
    ("S09", "女", 46, "宁德市霞浦县", True, "seeking", "在医院做过陪护", "宁德市区，照顾老人的活", {"eldercare"}, city("宁德"), None, set()),
    ("S10", "男", 22, "莆田市仙游县", True, "seeking", "高中毕业", "想进厂，莆田或者泉州", {"factory"}, city("莆田") | city("泉州"), None, set()),
    ("S11", "男", 40, "三明市将乐县", True, "seeking", "开钩机十年，证齐全", "三明市里，月薪一万", {"excavator"}, city("三明"), 9000, {"excavator"}),
    ("S12", "女", 50, "南平市顺昌县", True, "seeking", "种过蘑菇和木耳", "顺昌本地", {"mushroom", "farming"}, {county("顺昌")}, None, set()),
    ("S13", "男", 55, "宁德市周宁县", True, "seeking", "B2驾照，跑过运输", "周宁本地", {"truck", "driver"}, {county("周宁")}, None, {"B2", "C1"}),
    ("S14", "男", 35, "龙岩市武平县", True, "employed", "会电工", "已经在厂里上班了", {"electrician"}, {county("武平")}, None, set()),
    ("S15", "女", 29, "泉州市石狮市", True, "seeking", "在商场当过保安", "石狮做保安", {"security"}, {county("石狮")}, None, set()),
    ("S16", "男", 27, "福州市永泰县", True, "seeking", "C1驾照五年，开过网约车", "福州哪里都行", {"driver"}, city("福州"), None, {"C1"}),
    ("S17", "男", 60, "福州市闽清县", True, "seeking", "做过保安", "闽清附近", {"security"}, near("闽清"), None, set()),
    ("S18", "女", 33, "厦门市同安区", True, "seeking", "在超市收过银", "厦门，五千左右", {"retail"}, city("厦门"), 4500, set()),
    ("S19", "男", 44, "漳州市平和县", True, "seeking", "种了二十年蜜柚", "平和本地的果园", {"farming"}, {county("平和")}, None, set()),
    ("S20", "女", 38, "龙岩市上杭县", False, "seeking", "没什么技术", "在上杭县城找个活", set(), {county("上杭")}, None, set()),
    ("S21", "女", 37, "三明市清流县", True, "seeking", "什么都能干", "清流本县", set(), {county("清流")}, None, set()),
    ("S22", "男", 42, "泉州市永春县", True, "seeking", "做过十年木工，会支模", "外地也行，一天三百以上", {"carpentry"}, set(), 7800, set()),
    ("S23", "男", 30, "南平市浦城县", True, "seeking", "有低压电工证", "想去南平市里，工资不低于5000", {"electrician"}, city("南平"), 5000, {"electrician"}),
    ("S24", "女", 45, "福州市福清市", True, "seeking", "在饭店帮过厨，会切菜配菜", "福清本地", {"cooking", "catering"}, {county("福清")}, None, set()),
    ("S25", "女", 26, "漳州市漳浦县", True, "seeking", "在电子厂做过装配", "厦门或者漳州进厂，包住", {"factory"}, city("厦门") | city("漳州"), None, set()),
    ("S26", "男", 51, "三明市建宁县", True, "seeking", "以前在工地打杂", "建寧本地", {"construction"}, {county("建宁")}, None, set()),
    ("S27", "女", 47, "南平市光泽县", True, "not_seeking", "会缝纫", "在家带孙子，先不出去做", {"sewing"}, {county("光泽")}, None, set()),
    ("S28", "男", 33, "宁德市福安市", True, "seeking", "有A2驾照，开大货车七年", "福安附近，八千以上", {"truck", "driver"}, near("福安"), 8000, {"A2", "B2", "C1"}),
    ("S29", "女", 44, "泉州市德化县", True, "seeking", "在陶瓷厂包装过", "德化县里进厂", {"factory"}, {county("德化")}, None, set()),
    ("S30", "女", 35, "莆田市城厢区", True, "seeking", "有母婴护理证，做过月嫂", "莆田或者福州，月薪八千以上", {"nanny"}, city("莆田") | city("福州"), 8000, {"maternity"}),
    ("S31", "男", 19, "龙岩市长汀县", True, "seeking", "刚毕业，会用电脑", "想去厦门送外卖", {"delivery"}, city("厦门"), None, set()),
    ("S32", "女", 53, "宁德市寿宁县", True, "seeking", "在家种茶采茶", "孩子小要接送，只能在寿宁", {"tea_garden"}, {county("寿宁")}, None, set()),
    ("S33", "男", 39, "漳州市东山县", True, "seeking", "在渔船上干过，会剥虾", "东山本地", {"aquaculture"}, {county("东山")}, None, set()),
    ("S34", "男", 24, "三明市宁化县", False, "seeking", "没有技术", "宁化本地，想找公益岗位", set(), {county("宁化")}, None, set()),
    ("S35", "女", 42, "泉州市南安市", True, "seeking", "做过石材打磨", "南安", {"stone"}, {county("南安")}, None, set()),
    ("S36", "男", 50, "福州市罗源县", True, "seeking", "会开叉车，但是没有证", "福州", {"forklift"}, city("福州"), None, set()),
    ("S37", "女", 28, "厦门市集美区", True, "seeking", "在幼儿园当过保育员，有保育员证", "厦门", {"childcare"}, city("厦门"), None, {"nursery"}),
    ("S38", "男", 46, "南平市建瓯市", True, "seeking", "養過豬", "建甌本地", {"livestock"}, {county("建瓯")}, None, set()),
    ("S39", "女", 31, "福州市长乐区", True, "seeking", "做过快递分拣", "长乐或者福清，4500以上", {"logistics"}, {county("长乐"), county("福清")}, 4500, set()),
    ("S40", "男", 57, "龙岩市永定区", True, "seeking", "做过保洁", "永定本地，要照顾老母亲", {"cleaning"}, {county("永定")}, None, set()),
    ("S41", "女", 27, "三明市明溪县", True, "seeking", "在理发店当过两年学徒，会剪头发", "三明市里", {"hairdressing"}, city("三明"), None, set()),
    ("S43", "女", 45, "莆田市仙游县", True, "seeking", "给人家带过娃，会煮饭", "想去厦门当保姆，一个月六千左右", {"nanny"}, city("厦门"), 5400, set()),
    ("S44", "男", 38, "漳州市长泰区", True, "seeking", "會電焊，焊工證有", "漳州或者厦门", {"welding"}, city("漳州") | city("厦门"), None, {"welder"}),
    ("S45", "男", 52, "三明市沙县区", True, "seeking", "开过几年挖掘机，没证", "沙县附近", {"excavator"}, near("沙县"), None, set()),
    ("S46", "女", 60, "宁德市寿宁县", True, "seeking", "在家没事做", "家门口有活就行", set(), {county("寿宁")}, None, set()),
    ("S42", "男", 40, "福州市永泰县", True, "seeking", "有厨师证，会做闽菜", "福清或者长乐，7000以上", {"cooking"}, {county("福清"), county("长乐")}, 7000, {"chef"}),
]

# id, title, location, lo, hi, unit, age_min, age_max, gender, description, tags, kinds, cert, extra
JOBS = [
    ("Y01", "泥水工", "泉州市惠安县", 8000, 10000, "month", 20, 55, "男", "住宅楼砌墙贴砖，有经验", [], {"masonry", "construction"}, None, {}),
    ("Y02", "泥水工", "泉州市丰泽区", 8000, 10000, "month", 20, 55, "男", "砌砖抹灰", [], {"masonry", "construction"}, None, {}),
    ("Y03", "瓦工", "泉州市惠安县", 6000, 7000, "month", 20, 55, None, "贴瓷砖，计件", [], {"masonry", "construction"}, None, {}),
    ("Y04", "服装厂平车工", "福州市仓山区", 5000, 8000, "month", 18, 45, "女", "做外贸服装，计件，包吃住", ["包吃住"], {"sewing", "factory"}, None, {}),
    ("Y05", "服装厂平车工", "泉州市石狮市", 5000, 8000, "month", 18, 45, "女", "做休闲服装，计件", [], {"sewing", "factory"}, None, {}),
    ("Y06", "仓库叉车司机", "厦门市海沧区", 6000, 7500, "month", 20, 50, None, "港口仓库，须持叉车证", [], {"forklift", "logistics"}, "forklift", {}),
    ("Y07", "叉车工", "厦门市湖里区", 4500, 5500, "month", 20, 50, None, "持叉车证上岗", [], {"forklift"}, "forklift", {}),
    ("Y08", "叉车工", "福州市马尾区", 5000, 6000, "month", 20, 50, None, "需持叉车操作证", [], {"forklift"}, "forklift", {}),
    ("Y09", "住家保姆", "福州市鼓楼区", 5500, 7000, "month", 35, 55, "女", "照顾两岁孩子，做饭做家务", ["包吃住"], {"nanny", "housekeeping"}, None, {}),
    ("Y10", "月嫂", "莆田市荔城区", 9000, 12000, "month", 25, 50, "女", "须持母婴护理证，照顾产妇和新生儿", [], {"nanny"}, "maternity", {}),
    ("Y11", "铁观音制茶师傅", "泉州市安溪县", 6000, 9000, "month", 25, 60, None, "摇青、炒青，有制茶经验", [], {"tea"}, None, {}),
    ("Y12", "公益性岗位：护林员", "南平市政和县", 1800, 1800, "month", None, None, None, "巡山护林，限本县建档立卡贫困人口", ["公益性岗位"], {"farming"}, None, {"local": True}),
    ("Y13", "扶贫车间刺绣工", "龙岩市连城县", 2500, 4000, "month", None, None, None, "手工刺绣，可带回家做，计件", ["扶贫车间"], {"handicraft"}, None, {}),
    ("Y14", "电焊工", "漳州市龙海区", 7500, 9500, "month", 20, 50, None, "钢结构焊接，须持焊工证", [], {"welding"}, "welder", {}),
    ("Y15", "电焊工", "漳州市芗城区", 5000, 6500, "month", 20, 50, None, "小件焊接，持焊工证", [], {"welding"}, "welder", {}),
    ("Y16", "医院护工", "宁德市蕉城区", 4500, 5500, "month", 30, 55, None, "陪护住院病人和老人", [], {"eldercare"}, None, {}),
    ("Y17", "养老院护理员", "福州市晋安区", 5000, 6000, "month", 30, 55, None, "照顾失能老人", [], {"eldercare"}, None, {}),
    ("Y18", "电子厂普工", "莆田市城厢区", 4500, 5500, "month", 18, 40, None, "流水线作业，不需经验，包住", ["包住"], {"factory"}, None, {}),
    ("Y19", "鞋厂普工", "泉州市晋江市", 4800, 6000, "month", 18, 35, None, "成型车间，无经验可培训", [], {"factory", "shoes"}, None, {}),
    ("Y20", "挖掘机司机", "三明市沙县区", 10000, 14000, "month", 22, 55, "男", "须持挖掘机操作证，三年以上经验", [], {"excavator"}, "excavator", {}),
    ("Y21", "挖掘机司机", "南平市延平区", 10000, 14000, "month", 22, 55, "男", "持挖机证", [], {"excavator"}, "excavator", {}),
    ("Y22", "食用菌种植工", "南平市顺昌县", 3500, 4500, "month", 18, 60, None, "香菇木耳管理，出菇采收", [], {"mushroom", "farming"}, None, {}),
    ("Y23", "货车司机", "宁德市福安市", 8000, 11000, "month", 25, 55, "男", "跑省内干线运输，须持A2驾照", [], {"truck", "driver"}, "A2", {}),
    ("Y24", "货车司机", "宁德市蕉城区", 7000, 9000, "month", 25, 55, "男", "城配送货，持B2驾照", [], {"truck", "driver"}, "B2", {}),
    ("Y25", "商场保安", "泉州市石狮市", 3800, 4500, "month", 18, 50, "男", "商场巡逻值守", [], {"security"}, None, {}),
    ("Y26", "小区保安", "泉州市石狮市", 3600, 4200, "month", 18, 55, None, "门岗值守，男女不限", [], {"security"}, None, {}),
    ("Y27", "网约车司机", "福州市仓山区", 6000, 9000, "month", 22, 55, None, "公司提供车辆，持C1驾照三年以上", [], {"driver"}, "C1", {}),
    ("Y28", "门卫", "福州市闽清县", 2800, 3200, "month", 40, 65, "男", "工厂门卫，夜班", [], {"security"}, None, {}),
    ("Y29", "超市收银员", "厦门市集美区", 4200, 5000, "month", 18, 40, None, "会用收银机，可培训", [], {"retail"}, None, {}),
    ("Y30", "超市收银员", "厦门市思明区", 3200, 3800, "month", 18, 40, None, "收银理货", [], {"retail"}, None, {}),
    ("Y31", "蜜柚采摘工", "漳州市平和县", 150, 200, "day", 18, 65, None, "果园采摘，日结", [], {"farming"}, None, {}),
    ("Y32", "保洁员", "龙岩市上杭县", 2500, 3000, "month", 18, 60, None, "写字楼保洁，不需经验", [], {"cleaning"}, None, {}),
    ("Y33", "公益性岗位：乡村保洁员", "三明市清流县", 1600, 1600, "month", None, None, None, "村道保洁，限本县建档立卡贫困人口", ["公益性岗位"], {"cleaning"}, None, {"local": True}),
    ("Y34", "木工", "厦门市翔安区", 300, 380, "day", 20, 55, "男", "建筑模板木工，支模", [], {"carpentry", "construction"}, None, {}),
    ("Y35", "木工", "泉州市永春县", 200, 250, "day", 20, 55, "男", "家具厂木工", [], {"carpentry"}, None, {}),
    ("Y36", "维修电工", "南平市建阳区", 5500, 7000, "month", 20, 50, None, "工厂设备维修，须持电工证", [], {"electrician"}, "electrician", {}),
    ("Y37", "维修电工", "福州市马尾区", 6000, 8000, "month", 20, 50, None, "须持电工证", [], {"electrician"}, "electrician", {}),
    ("Y38", "厨房帮厨", "福州市福清市", 3800, 4500, "month", 18, 55, None, "切配洗菜，包吃", ["包吃"], {"cooking"}, None, {}),
    ("Y39", "厨师", "福州市福清市", 7000, 9000, "month", 25, 50, "男", "须持厨师证，会闽菜", [], {"cooking"}, "chef", {}),
    ("Y40", "包装工", "漳州市龙文区", 4000, 5000, "month", 18, 45, None, "食品厂包装，包住", ["包住"], {"factory"}, None, {}),
    ("Y41", "陶瓷厂包装工", "泉州市德化县", 3800, 4800, "month", 18, 50, "女", "陶瓷工艺品包装", [], {"factory"}, None, {}),
    ("Y42", "陶瓷厂包装工", "泉州市德化县", 3800, 4800, "month", 18, 50, "女", "陶瓷工艺品包装，已招满", [], {"factory"}, None, {"headcount": 5, "filled": 5}),
    ("Y43", "育婴师", "福州市台江区", 7000, 9000, "month", 25, 45, "女", "照顾新生儿，母婴护理证优先", [], {"nanny"}, None, {}),
    ("Y44", "外卖骑手", "厦门市湖里区", 6000, 9000, "month", 18, 45, None, "自备电动车，多劳多得", [], {"delivery"}, None, {}),
    ("Y45", "茶园采茶工", "宁德市寿宁县", 120, 160, "day", 18, 65, None, "春茶采摘，日结，可就近", [], {"tea_garden", "farming"}, None, {}),
    ("Y46", "水产加工工", "漳州市东山县", 4000, 5500, "month", 18, 55, None, "剥虾、分拣海产品", [], {"aquaculture"}, None, {}),
    ("Y47", "石材打磨工", "泉州市南安市", 5000, 7000, "month", 18, 55, None, "石材厂打磨抛光", [], {"stone"}, None, {}),
    ("Y48", "叉车工", "福州市仓山区", 5000, 6500, "month", 20, 55, None, "会开叉车，叉车证优先", [], {"forklift"}, None, {}),
    ("Y49", "幼儿园保育员", "厦门市思明区", 4000, 5000, "month", 20, 45, "女", "须持保育员证", [], {"childcare"}, "nursery", {}),
    ("Y50", "养猪场饲养员", "南平市建瓯市", 5000, 6500, "month", 25, 55, None, "生猪饲养，包吃住", ["包吃住"], {"livestock"}, None, {}),
    ("Y51", "快递分拣员", "福州市长乐区", 4800, 5800, "month", 18, 45, None, "快递分拣，夜班", [], {"logistics"}, None, {}),
    ("Y52", "快递分拣员", "福州市长乐区", 3500, 4200, "month", 18, 45, None, "快递分拣，白班", [], {"logistics"}, None, {}),
    ("Y53", "环卫工", "龙岩市永定区", 2500, 3000, "month", 30, 60, None, "城区道路清扫", [], {"cleaning"}, None, {}),
    ("Y54", "公益性岗位：护路员", "三明市宁化县", 1500, 1500, "month", None, None, None, "乡道养护，限本县建档立卡贫困人口", ["公益性岗位"], {"cleaning"}, None, {"local": True}),
    ("Y55", "电子厂操作工", "泉州市洛江区", 5000, 6000, "month", 18, 40, None, "流水线，两班倒", [], {"factory"}, None, {"status": "closed"}),
    ("Y56", "建筑小工", "三明市建宁县", 180, 220, "day", 18, 60, "男", "工地搬运打杂", [], {"construction"}, None, {}),
    ("Y57", "保安", "福州市闽侯县", 3500, 4200, "month", 18, 55, "男", "园区巡逻，包住", ["包住"], {"security"}, None, {}),
    ("Y58", "鞋厂普工", "莆田市荔城区", 4500, 6000, "month", 18, 45, None, "鞋面针车、成型，可培训", [], {"factory", "shoes"}, None, {}),
    ("Y59", "小车司机", "宁德市周宁县", 4000, 5000, "month", 25, 50, None, "单位公务用车，须持C1驾照", [], {"driver"}, "C1", {"status": "closed"}),
    ("Y60", "仓库理货员", "泉州市鲤城区", 4200, 5200, "month", 18, 45, None, "仓库理货装卸", [], {"logistics"}, None, {}),
    ("Y68", "住家保姆", "厦门市湖里区", 6000, 7500, "month", 30, 55, "女", "照顾老人孩子，做饭", ["包吃住"], {"nanny", "housekeeping"}, None, {}),
    ("Y69", "育儿嫂", "厦门市思明区", 4000, 5000, "month", 25, 55, "女", "白天带一岁宝宝", [], {"nanny"}, None, {}),
    ("Y70", "挖掘机学徒", "三明市沙县区", 4000, 5000, "month", 18, 55, "男", "师傅带，可培训，无需经验", [], {"excavator"}, None, {}),
    ("Y61", "理发师", "三明市三元区", 4000, 6000, "month", 18, 40, None, "美发店招理发师，会剪发烫染", [], {"hairdressing"}, None, {}),
    ("Y62", "厨房帮工", "泉州市惠安县", 3500, 4200, "month", 18, 55, None, "洗菜切菜，包吃", ["包吃"], {"cooking"}, None, {}),
    ("Y63", "仓库搬运工", "龙岩市连城县", 4000, 5000, "month", 18, 50, "男", "装卸搬运", [], {"logistics"}, None, {}),
    ("Y64", "电工", "龙岩市上杭县", 5000, 6500, "month", 20, 50, None, "须持电工证", [], {"electrician"}, "electrician", {}),
    ("Y65", "超市理货员", "三明市清流县", 2600, 3200, "month", 18, 50, None, "超市理货上架，可培训", [], {"retail"}, None, {}),
    ("Y66", "美容师", "福州市鼓楼区", 4000, 7000, "month", 18, 35, "女", "美容院，包培训", [], {"beauty"}, None, {}),
    ("Y67", "保洁员", "福州市福清市", 2800, 3300, "month", 18, 60, None, "酒店客房保洁", [], {"cleaning"}, None, {}),
]


def suitable(p: tuple, j: tuple) -> bool:
    pid, gender, age, home, poor, status, _, _, kinds, places, min_pay, certs = p
    jid, _, loc, lo, hi, unit, amin, amax, jgender, _, tags, jkinds, cert, extra = j
    if status != "seeking" or extra.get("status") == "closed":
        return False
    if extra.get("headcount") is not None and extra["headcount"] - extra.get("filled", 0) <= 0:
        return False
    jc = county(loc)
    if places and jc not in places:
        return False
    if extra.get("local") and (county(home) != jc or not poor):
        return False
    if jgender and jgender != gender or amin and age < amin or amax and age > amax:
        return False
    held = set(certs)
    for c in certs:
        held |= IMPLIES.get(c, set())
    if cert and cert not in held:
        return False
    month_hi = hi * 26 if unit == "day" else hi
    if min_pay and month_hi < min_pay:
        return False
    if kinds:
        return bool(kinds & jkinds)
    return bool(jkinds & UNSKILLED) and not cert


def main() -> None:
    OUT.mkdir(exist_ok=True)
    with (OUT / "labourers.jsonl").open("w", encoding="utf-8") as fh:
        for i, (pid, gender, age, home, poor, status, skills, wishes, *_rest) in enumerate(PEOPLE):
            rec = {"id": pid, "name": f"测试{i + 1}", "gender": gender, "age": age, "county": home, "poverty_registered": poor,
                   "status": status, "skills": skills, "wishes": wishes, "phone": f"1390000{i:04d}", "sms_consent": True}
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    with (OUT / "jobs.jsonl").open("w", encoding="utf-8") as fh:
        for jid, title, loc, lo, hi, unit, amin, amax, gender, desc, tags, _k, _c, extra in JOBS:
            rec = {"id": jid, "title": title, "employer": "", "location": loc, "salary_min": lo, "salary_max": hi,
                   "salary_unit": unit, "age_min": amin, "age_max": amax, "gender": gender, "description": desc, "tags": tags}
            rec.update({k: v for k, v in extra.items() if k in ("status", "headcount", "filled")})
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    with (OUT / "labels.jsonl").open("w", encoding="utf-8") as fh:
        for p in PEOPLE:
            good = [j for j in JOBS if suitable(p, j)]
            # ideal: the suitable postings sharing the most kinds of work with the person
            best = max((len(p[8] & j[11]) for j in good), default=0)
            ideal = [j[0] for j in good if len(p[8] & j[11]) == best]
            fh.write(json.dumps({"labourer_id": p[0], "suitable": [j[0] for j in good], "ideal": ideal}, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
