/// The table kinds shipped in `Kinds/`, as their files' bytes (a test keeps the two identical:
/// change the files, then run Scripts/embed-data.py).
enum ShippedKinds {
    static let files: [(name: String, json: String)] = [
        (
            "account-map.json",
            #"""
            {
              "schema": "huizong.kind/1",
              "kind": "account_map",
              "name": "科目对照表",
              "unit_level": false,
              "columns": [
                {
                  "key": "account_code",
                  "header": "科目编码",
                  "spellings": [
                    "科目代码"
                  ]
                },
                {
                  "key": "account_name",
                  "header": "科目名称",
                  "required": false
                },
                {
                  "key": "expenditure_type",
                  "header": "支出类型",
                  "required": false
                },
                {
                  "key": "funding_source",
                  "header": "资金来源",
                  "required": false,
                  "vocabulary": "funding_source"
                }
              ],
              "one_of": [
                [
                  "expenditure_type",
                  "funding_source"
                ]
              ]
            }
            """#
        ),
        (
            "all.json",
            #"""
            {
              "schema": "huizong.kind/1",
              "kind": "all",
              "total_rows": [
                "合计",
                "总计",
                "总合计"
              ],
              "non_data_rows": [
                "栏次",
                "本页小计",
                "本页合计",
                "记账",
                "审核",
                "出纳",
                "制单",
                "制表",
                "制表人",
                "填表人",
                "审核人",
                "单位负责人",
                "财务负责人",
                "复核",
                "行次",
                "审核公式",
                "审核关系",
                "表内关系",
                "注",
                "注1",
                "注2",
                "填表说明",
                "填报说明",
                "说明",
                "备注",
                "主管",
                "会计主管",
                "主管会计",
                "财务主管",
                "核准",
                "过账",
                "经手人",
                "经办人",
                "审批",
                "领导审批",
                "会计机构负责人",
                "稽核",
                "复核人",
                "记账人",
                "出纳人",
                "制单人",
                "会计"
              ],
              "money_units": [
                {
                  "unit": "yuan",
                  "header_suffix": "(元)",
                  "key_suffix": "_yuan"
                },
                {
                  "unit": "wan",
                  "header_suffix": "(万元)",
                  "key_suffix": "_wan"
                }
              ],
              "personal_data": [
                "姓名",
                "name",
                "人员姓名",
                "身份证号",
                "身份证号码",
                "id_number"
              ]
            }
            """#
        ),
        (
            "assets.json",
            #"""
            {
              "schema": "huizong.kind/1",
              "kind": "assets",
              "name": "资产",
              "unit_level": true,
              "columns": [
                {
                  "key": "unit_code",
                  "header": "单位编码",
                  "required": false
                },
                {
                  "key": "asset_id",
                  "header": "资产编号",
                  "spellings": [
                    "卡片编号",
                    "资产编码",
                    "资产卡片编号"
                  ]
                },
                {
                  "key": "asset_name",
                  "header": "资产名称"
                },
                {
                  "key": "category",
                  "header": "资产类别",
                  "required": false,
                  "vocabulary": "asset_category"
                },
                {
                  "key": "classification_code",
                  "header": "固定资产分类代码",
                  "required": false,
                  "spellings": [
                    "资产分类代码",
                    "分类代码",
                    "国标分类代码",
                    "固定资产分类代码(2010国标码)",
                    "资产分类代码(2010国标码)",
                    "固定资产分类代码(2022国标码)",
                    "资产分类代码(2022国标码)",
                    "固定资产分类代码(GB/T14885-2010)",
                    "资产分类代码(GB/T14885-2010)",
                    "资产分类代码(GB/T14885-2022)",
                    "资产分类代码(新国标)"
                  ]
                },
                {
                  "key": "original_value",
                  "header": "原值",
                  "money": true,
                  "spellings": [
                    "价值",
                    "账面原值",
                    "资产原值"
                  ]
                },
                {
                  "key": "accumulated_depreciation",
                  "header": "累计折旧",
                  "required": false,
                  "money": true,
                  "spellings": [
                    "累计折旧(摊销)"
                  ]
                },
                {
                  "key": "net_value",
                  "header": "净值",
                  "required": false,
                  "money": true,
                  "spellings": [
                    "账面净值",
                    "资产净值"
                  ]
                }
              ],
              "one_of": [
                [
                  "category",
                  "classification_code"
                ]
              ]
            }
            """#
        ),
        (
            "budget.json",
            #"""
            {
              "schema": "huizong.kind/1",
              "kind": "budget",
              "name": "预决算收支",
              "unit_level": true,
              "columns": [
                {
                  "key": "unit_code",
                  "header": "单位编码",
                  "required": false
                },
                {
                  "key": "stage",
                  "header": "阶段",
                  "vocabulary": "budget_stage"
                },
                {
                  "key": "item",
                  "header": "科目",
                  "vocabulary": "budget_item"
                },
                {
                  "key": "amount",
                  "header": "金额",
                  "money": true
                }
              ]
            }
            """#
        ),
        (
            "expenditure.json",
            #"""
            {
              "schema": "huizong.kind/1",
              "kind": "expenditure",
              "name": "支出明细",
              "unit_level": true,
              "columns": [
                {
                  "key": "unit_code",
                  "header": "单位编码",
                  "required": false,
                  "spellings": [
                    "预算单位编码",
                    "预算单位代码"
                  ]
                },
                {
                  "key": "date",
                  "header": "日期",
                  "spellings": [
                    "支付日期"
                  ]
                },
                {
                  "key": "voucher",
                  "header": "凭证号",
                  "spellings": [
                    "支付凭证号"
                  ]
                },
                {
                  "key": "funding_source",
                  "header": "资金来源",
                  "vocabulary": "funding_source",
                  "spellings": [
                    "资金性质"
                  ]
                },
                {
                  "key": "expenditure_type",
                  "header": "支出类型",
                  "vocabulary": "expenditure_type"
                },
                {
                  "key": "functional_class",
                  "header": "功能分类科目",
                  "required": false,
                  "spellings": [
                    "功能科目"
                  ]
                },
                {
                  "key": "economic_class",
                  "header": "经济分类科目",
                  "required": false,
                  "spellings": [
                    "经济科目",
                    "部门经济分类科目"
                  ]
                },
                {
                  "key": "project",
                  "header": "项目",
                  "required": false
                },
                {
                  "key": "memo",
                  "header": "摘要",
                  "required": false
                },
                {
                  "key": "amount",
                  "header": "金额",
                  "money": true,
                  "spellings": [
                    "支付金额"
                  ]
                }
              ]
            }
            """#
        ),
        (
            "indicators.json",
            #"""
            {
              "schema": "huizong.kind/1",
              "kind": "indicators",
              "name": "绩效指标",
              "unit_level": false,
              "columns": [
                {
                  "key": "goal",
                  "header": "分项目标",
                  "required": false,
                  "spellings": [
                    "分项绩效目标",
                    "所属目标",
                    "绩效目标"
                  ]
                },
                {
                  "key": "id",
                  "header": "指标编码",
                  "required": false,
                  "spellings": [
                    "指标代码"
                  ]
                },
                {
                  "key": "level1",
                  "header": "一级指标"
                },
                {
                  "key": "level2",
                  "header": "二级指标",
                  "required": false
                },
                {
                  "key": "name",
                  "header": "指标名称",
                  "spellings": [
                    "三级指标",
                    "指标内容"
                  ]
                },
                {
                  "key": "weight",
                  "header": "权重",
                  "spellings": [
                    "分值",
                    "指标分值",
                    "权重(分)"
                  ]
                },
                {
                  "key": "direction",
                  "header": "方向",
                  "required": false,
                  "spellings": [
                    "指标性质",
                    "指标方向"
                  ]
                },
                {
                  "key": "target",
                  "header": "目标值",
                  "spellings": [
                    "年度指标值",
                    "指标值",
                    "年度目标值",
                    "预期目标值"
                  ]
                },
                {
                  "key": "actual",
                  "header": "实际值",
                  "required": false,
                  "spellings": [
                    "实际完成值",
                    "全年实际值",
                    "完成值",
                    "实际完成情况"
                  ]
                },
                {
                  "key": "measure",
                  "header": "计量单位",
                  "required": false,
                  "spellings": [
                    "度量单位"
                  ]
                },
                {
                  "key": "source",
                  "header": "数据来源",
                  "required": false
                },
                {
                  "key": "manual_score",
                  "header": "自评得分",
                  "required": false,
                  "spellings": [
                    "得分"
                  ]
                },
                {
                  "key": "deviation_reason",
                  "header": "偏差原因",
                  "required": false,
                  "spellings": [
                    "偏差原因分析及改进措施",
                    "未完成原因分析",
                    "偏差原因分析",
                    "偏差原因及改进措施"
                  ]
                },
                {
                  "key": "note",
                  "header": "备注",
                  "required": false
                }
              ],
              "total_rows": [
                "总分"
              ],
              "non_data_rows": [
                "注"
              ]
            }
            """#
        ),
        (
            "journal.json",
            #"""
            {
              "schema": "huizong.kind/1",
              "kind": "journal",
              "name": "序时账",
              "unit_level": true,
              "columns": [
                {
                  "key": "unit_code",
                  "header": "单位编码",
                  "required": false
                },
                {
                  "key": "date",
                  "header": "日期",
                  "required": false,
                  "spellings": [
                    "记账日期",
                    "凭证日期",
                    "制单日期"
                  ]
                },
                {
                  "key": "voucher",
                  "header": "凭证号",
                  "required": false,
                  "spellings": [
                    "凭证号数",
                    "凭证编号",
                    "凭证字号"
                  ]
                },
                {
                  "key": "voucher_word",
                  "header": "凭证字",
                  "required": false,
                  "spellings": [
                    "凭证类别",
                    "凭证类型",
                    "凭证种类"
                  ]
                },
                {
                  "key": "memo",
                  "header": "摘要",
                  "required": false
                },
                {
                  "key": "month",
                  "header": "月",
                  "required": false
                },
                {
                  "key": "day",
                  "header": "日",
                  "required": false
                },
                {
                  "key": "account_code",
                  "header": "科目编码",
                  "required": false,
                  "spellings": [
                    "科目代码",
                    "会计科目编码",
                    "科目编号",
                    "科目"
                  ]
                },
                {
                  "key": "account_name",
                  "header": "科目名称",
                  "required": false,
                  "spellings": [
                    "会计科目",
                    "科目全称",
                    "科目全名"
                  ]
                },
                {
                  "key": "debit",
                  "header": "借方金额",
                  "money": true,
                  "spellings": [
                    "借方",
                    "借方发生额",
                    "借方本币"
                  ]
                },
                {
                  "key": "credit",
                  "header": "贷方金额",
                  "money": true,
                  "spellings": [
                    "贷方",
                    "贷方发生额",
                    "贷方本币"
                  ]
                },
                {
                  "key": "funding_source",
                  "header": "资金性质",
                  "required": false,
                  "spellings": [
                    "资金来源",
                    "经费来源",
                    "资金性质名称",
                    "资金性质辅助核算"
                  ]
                },
                {
                  "key": "auxiliary",
                  "header": "辅助核算",
                  "required": false,
                  "spellings": [
                    "辅助项",
                    "辅助核算项",
                    "辅助核算项目",
                    "核算项目",
                    "辅助信息"
                  ]
                }
              ],
              "one_of": [
                [
                  "date",
                  "month",
                  "account_code"
                ]
              ],
              "summary_rows": {
                "carried": [
                  "期初余额",
                  "上年结转",
                  "年初余额",
                  "承前页",
                  "过次页",
                  "本日合计",
                  "小计",
                  "本日小计",
                  "科目小计"
                ],
                "month": [
                  "本月合计",
                  "本期合计"
                ],
                "year": [
                  "本年累计",
                  "累计"
                ]
              },
              "non_data_rows": [
                "记账凭证",
                "收款凭证",
                "付款凭证",
                "转账凭证",
                "凭证",
                "序时账",
                "明细账",
                "日记账",
                "编制单位",
                "核算单位",
                "单位名称",
                "会计期间",
                "期间",
                "打印日期",
                "打印时间",
                "打印人",
                "金额单位",
                "单位"
              ]
            }
            """#
        ),
        (
            "registry.json",
            #"""
            {
              "schema": "huizong.kind/1",
              "kind": "registry",
              "name": "单位名录",
              "unit_level": false,
              "columns": [
                {
                  "key": "unit_code",
                  "header": "单位编码"
                },
                {
                  "key": "unit_name",
                  "header": "单位名称"
                },
                {
                  "key": "alias",
                  "header": "简称",
                  "required": false
                },
                {
                  "key": "parent_code",
                  "header": "上级单位编码",
                  "required": false
                },
                {
                  "key": "separate",
                  "header": "另行汇总",
                  "required": false,
                  "spellings": [
                    "单独汇总",
                    "另行编报",
                    "单独编报",
                    "另行汇总单位"
                  ]
                }
              ]
            }
            """#
        ),
        (
            "report-figures.json",
            #"""
            {
              "schema": "huizong.kind/1",
              "kind": "report_figures",
              "name": "报告数",
              "unit_level": false,
              "columns": [
                {
                  "key": "figure",
                  "header": "项目"
                },
                {
                  "key": "value",
                  "header": "数值"
                },
                {
                  "key": "measure",
                  "header": "计量单位",
                  "required": false
                },
                {
                  "key": "note",
                  "header": "备注",
                  "required": false
                }
              ]
            }
            """#
        ),
        (
            "staff-counts.json",
            #"""
            {
              "schema": "huizong.kind/1",
              "kind": "staff_counts",
              "name": "人数",
              "unit_level": true,
              "columns": [
                {
                  "key": "unit_code",
                  "header": "单位编码",
                  "required": false
                },
                {
                  "key": "unit_name",
                  "header": "单位名称",
                  "required": false
                },
                {
                  "key": "category",
                  "header": "编制类型",
                  "required": false,
                  "spellings": [
                    "单位类型",
                    "人员编制类型",
                    "类型",
                    "类别",
                    "项目",
                    "单位性质",
                    "经费形式",
                    "编制性质"
                  ]
                },
                {
                  "key": "authorized",
                  "header": "编制人数",
                  "required": false,
                  "spellings": [
                    "编制数",
                    "核定编制",
                    "核定编制数",
                    "编制人数合计"
                  ]
                },
                {
                  "key": "actual_total",
                  "header": "年末实有人数",
                  "required": false,
                  "spellings": [
                    "实有人数",
                    "实有人数合计",
                    "人数合计",
                    "年末实有人员"
                  ]
                },
                {
                  "key": "active",
                  "header": "在职人数",
                  "spellings": [
                    "在职人员",
                    "在职",
                    "在职人员数",
                    "年末在职人数",
                    "实有在职人数"
                  ]
                },
                {
                  "key": "active_funded",
                  "header": "公共预算财政拨款开支人数",
                  "required": false,
                  "spellings": [
                    "公共预算财政拨款(补助)开支人数",
                    "财政拨款(补助)开支人数",
                    "财政拨款开支人数",
                    "财政拨款补助开支人数",
                    "财政补助开支人数"
                  ]
                },
                {
                  "key": "active_self_funded",
                  "header": "经费自理人数",
                  "required": false,
                  "spellings": [
                    "经费自理人员",
                    "经费自理"
                  ]
                },
                {
                  "key": "on_post",
                  "header": "在岗人数",
                  "required": false,
                  "spellings": [
                    "在岗人员",
                    "在岗"
                  ]
                },
                {
                  "key": "retired_all",
                  "header": "离退休人数",
                  "required": false,
                  "spellings": [
                    "离退休人员",
                    "离退休"
                  ]
                },
                {
                  "key": "retired_veteran",
                  "header": "离休人数",
                  "required": false,
                  "spellings": [
                    "离休人员",
                    "离休",
                    "离休人员数"
                  ]
                },
                {
                  "key": "retired",
                  "header": "退休人数",
                  "required": false,
                  "spellings": [
                    "退休人员",
                    "退休",
                    "退休人员数"
                  ]
                },
                {
                  "key": "survivors",
                  "header": "遗属人员",
                  "required": false,
                  "spellings": [
                    "遗属人数",
                    "遗属"
                  ]
                }
              ]
            }
            """#
        ),
        (
            "staff.json",
            #"""
            {
              "schema": "huizong.kind/1",
              "kind": "staff",
              "name": "人员",
              "unit_level": true,
              "columns": [
                {
                  "key": "unit_code",
                  "header": "单位编码",
                  "required": false
                },
                {
                  "key": "person_id",
                  "header": "人员编号"
                },
                {
                  "key": "status",
                  "header": "人员类别",
                  "vocabulary": "staff_status"
                }
              ]
            }
            """#
        ),
        (
            "vocabularies.json",
            #"""
            {
              "schema": "huizong.kind/1",
              "vocabularies": {
                "asset_category": {
                  "cash": {
                    "name": "货币资金"
                  },
                  "fixed": {
                    "name": "固定资产"
                  },
                  "construction_in_progress": {
                    "name": "在建工程"
                  },
                  "intangible": {
                    "name": "无形资产"
                  },
                  "other": {
                    "name": "其他",
                    "spellings": [
                      "其他资产"
                    ]
                  }
                },
                "staff_status": {
                  "active": {
                    "name": "在职",
                    "spellings": [
                      "在职人员"
                    ]
                  },
                  "retired_veteran": {
                    "name": "离休",
                    "spellings": [
                      "离休人员"
                    ]
                  },
                  "retired": {
                    "name": "退休",
                    "spellings": [
                      "退休人员"
                    ]
                  }
                },
                "budget_stage": {
                  "initial": {
                    "name": "年初预算",
                    "spellings": [
                      "预算",
                      "年初"
                    ]
                  },
                  "adjusted": {
                    "name": "调整预算",
                    "spellings": [
                      "调整后预算",
                      "全年预算"
                    ]
                  },
                  "final": {
                    "name": "决算",
                    "spellings": [
                      "决算数",
                      "实际"
                    ]
                  }
                },
                "budget_item": {
                  "general_budget": {
                    "name": "一般公共预算",
                    "spellings": [
                      "一般公共预算财政拨款",
                      "一般公共预算拨款",
                      "财政拨款收入",
                      "一般公共预算资金"
                    ]
                  },
                  "government_fund": {
                    "name": "政府性基金预算",
                    "spellings": [
                      "政府性基金",
                      "政府性基金预算财政拨款",
                      "政府性基金预算资金"
                    ]
                  },
                  "public_service_revenue": {
                    "name": "事业收入"
                  },
                  "business_revenue": {
                    "name": "经营收入"
                  },
                  "other_income": {
                    "name": "其他收入"
                  },
                  "opening_balance": {
                    "name": "年初结转和结余",
                    "spellings": [
                      "上年结转",
                      "年初结转结余"
                    ]
                  },
                  "basic_expenditure": {
                    "name": "基本支出"
                  },
                  "project_expenditure": {
                    "name": "项目支出"
                  },
                  "business_expenditure": {
                    "name": "经营支出"
                  },
                  "closing_balance": {
                    "name": "年末结转和结余",
                    "spellings": [
                      "年末结转结余"
                    ]
                  },
                  "grant_from_parent": {
                    "name": "上级补助收入"
                  },
                  "remittance_from_subordinate": {
                    "name": "附属单位上缴收入"
                  },
                  "grant_to_subordinate": {
                    "name": "对附属单位补助支出"
                  },
                  "remittance_to_parent": {
                    "name": "上缴上级支出"
                  }
                },
                "expenditure_type": {
                  "basic_expenditure": {
                    "name": "基本支出"
                  },
                  "project_expenditure": {
                    "name": "项目支出"
                  },
                  "business_expenditure": {
                    "name": "经营支出"
                  }
                },
                "funding_source": {
                  "general_budget": {
                    "name": "一般公共预算",
                    "spellings": [
                      "一般公共预算财政拨款",
                      "一般公共预算拨款",
                      "财政拨款收入",
                      "一般公共预算资金",
                      "一般债券资金",
                      "公共财政预算",
                      "公共财政预算资金",
                      "公共预算财政拨款",
                      "公共财政拨款"
                    ]
                  },
                  "government_fund": {
                    "name": "政府性基金预算",
                    "spellings": [
                      "政府性基金",
                      "政府性基金预算财政拨款",
                      "政府性基金预算资金",
                      "专项债券资金",
                      "政府性基金预算拨款",
                      "政府性基金拨款"
                    ]
                  },
                  "public_service_revenue": {
                    "name": "事业收入",
                    "spellings": [
                      "事业收入资金",
                      "财政专户管理资金",
                      "纳入专户管理的非税收入",
                      "纳入财政专户管理的非税收入"
                    ]
                  },
                  "business_revenue": {
                    "name": "经营收入"
                  },
                  "other_income": {
                    "name": "其他收入",
                    "spellings": [
                      "其他资金"
                    ]
                  },
                  "opening_balance": {
                    "name": "年初结转和结余",
                    "spellings": [
                      "上年结转",
                      "年初结转结余"
                    ]
                  },
                  "grant_from_parent": {
                    "name": "上级补助收入",
                    "spellings": [
                      "上级补助资金"
                    ]
                  },
                  "remittance_from_subordinate": {
                    "name": "附属单位上缴收入"
                  }
                }
              }
            }
            """#
        ),
    ]
}
