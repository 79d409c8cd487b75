// The articles of the linkage contract (Decree 98/2018/NĐ-CP, art. 11): a fixed order of
// numbered articles, each with a default wording in Vietnamese and English whose {placeholders}
// are filled from the contract. A buyer may reword an article per offer; the wording agreed is
// copied onto the contract. Shared by the offer editor (browser) and the server.
import * as z from "zod";

export const CLAUSE_KEYS = [
  "object",
  "quantity",
  "quality",
  "price",
  "delivery",
  "payment",
  "inputs",
  "dutiesA",
  "dutiesB",
  "risk",
  "penalties",
  "disputes",
  "validity",
] as const;
export type ClauseKey = (typeof CLAUSE_KEYS)[number];
export type ClauseLang = "vi" | "en";

type Clause = { title: Record<ClauseLang, string>; text: Record<ClauseLang, string>; required: boolean };

// Every article Decree 98 expects is required: a buyer may reword it, not leave it out. Input
// advances are only a part of a contract when the buyer advances inputs.
export const CLAUSES: Record<ClauseKey, Clause> = {
  object: {
    required: true,
    title: { vi: "Đối tượng của hợp đồng", en: "Object of the contract" },
    text: {
      vi: "Bên A và Bên B thống nhất liên kết sản xuất và tiêu thụ sản phẩm {product}, {season}: Bên B tổ chức các hộ thành viên sản xuất theo yêu cầu của hợp đồng này, Bên A thu mua toàn bộ sản lượng đạt chất lượng theo Điều 3.",
      en: "Party A and Party B agree to link the production and sale of {product} for {season}: Party B organises its member households to produce as this contract requires, and Party A buys all the produce that meets the quality set in Article 3.",
    },
  },
  quantity: {
    required: true,
    title: { vi: "Số lượng và diện tích", en: "Quantity and area" },
    text: {
      vi: "Diện tích sản xuất: {areaHa} ha. Sản lượng Bên B cam kết giao: {volumeTonnes} tấn, phân bổ cho từng hộ theo Phụ lục kèm theo hợp đồng.",
      en: "Area under production: {areaHa} ha. Quantity Party B undertakes to deliver: {volumeTonnes} tonnes, shared among the households as in the Annex to this contract.",
    },
  },
  quality: {
    required: true,
    title: { vi: "Chất lượng, quy cách và phân loại", en: "Quality, specifications and grades" },
    text: {
      vi: "Sản phẩm được phân loại theo các hạng, tiêu chí và đơn giá trong bảng dưới đây. Sản phẩm không đạt hạng thấp nhất, Bên A có quyền không thu mua.",
      en: "The produce is graded by the grades, criteria and prices in the table below. Party A may refuse produce below the lowest grade.",
    },
  },
  price: {
    required: true,
    title: { vi: "Giá và phương thức xác định giá", en: "Price and how it is set" },
    text: {
      vi: "Giá thu mua: {priceMechanism}{marketReference}, theo đơn giá từng hạng tại Điều 3. Giá đã thống nhất không thay đổi trong thời hạn hợp đồng, trừ khi hai bên thỏa thuận bằng văn bản.",
      en: "Purchase price: {priceMechanism}{marketReference}, at each grade's price in Article 3. The agreed price does not change during the contract unless both parties agree in writing.",
    },
  },
  delivery: {
    required: true,
    title: { vi: "Thời gian, địa điểm và phương thức giao nhận", en: "Time, place and method of delivery" },
    text: {
      vi: "Thời gian giao nhận: từ ngày {windowStart} đến ngày {windowEnd}. Địa điểm: {points}. Sản phẩm được cân và phân hạng tại điểm thu mua, trước sự chứng kiến của người làm chứng do Bên B cử; kết quả cân, phân hạng được ghi vào sổ giao nhận, chỉ được ghi thêm, không được sửa hoặc xóa, và hai bên cùng xác nhận.",
      en: "Delivery from {windowStart} to {windowEnd}, at: {points}. The produce is weighed and graded at the collection point in front of witnesses named by Party B; each weighing and grade is entered in the delivery record, which may only be added to, never changed or erased, and is confirmed by both parties.",
    },
  },
  payment: {
    required: true,
    title: { vi: "Thời hạn và phương thức thanh toán", en: "Payment terms and method" },
    text: {
      vi: "Bên A thanh toán cho từng hộ trong vòng {paymentDays} ngày kể từ ngày giao hàng, bằng chuyển khoản vào tài khoản của hộ hoặc bằng tiền mặt có ký nhận, căn cứ bảng kê thanh toán. {groupFund}",
      en: "Party A pays each household within {paymentDays} days of delivery, by transfer to the household's account or in cash against a signed receipt, as set out in the payment statement. {groupFund}",
    },
  },
  inputs: {
    required: false,
    title: { vi: "Ứng trước vật tư đầu vào và thu hồi", en: "Input advances and their recovery" },
    text: {
      vi: "Vật tư Bên A ứng trước: {inputsAdvanced}. Cách thu hồi: {inputRecovery}.",
      en: "Inputs Party A advances: {inputsAdvanced}. How they are recovered: {inputRecovery}.",
    },
  },
  dutiesA: {
    required: true,
    title: { vi: "Quyền và nghĩa vụ của Bên A", en: "Rights and obligations of Party A" },
    text: {
      vi: "Bên A có quyền kiểm tra quá trình sản xuất và chất lượng sản phẩm; có nghĩa vụ thu mua đúng số lượng, chất lượng, giá, thời gian và địa điểm đã thỏa thuận, thanh toán đầy đủ và đúng hạn, hướng dẫn kỹ thuật khi cam kết, và cung cấp cho Bên B bảng kê của từng lần giao nhận.",
      en: "Party A may inspect production and the quality of the produce; it must buy the agreed quantity and quality at the agreed price, time and place, pay in full and on time, give the technical guidance it undertook to give, and give Party B the record of every delivery.",
    },
  },
  dutiesB: {
    required: true,
    title: { vi: "Quyền và nghĩa vụ của Bên B", en: "Rights and obligations of Party B" },
    text: {
      vi: "Bên B có quyền được thanh toán đầy đủ, đúng hạn và được chứng kiến việc cân, phân hạng; có nghĩa vụ tổ chức các hộ sản xuất theo đúng quy trình đã thỏa thuận, giao đủ số lượng, đúng chất lượng, không bán sản phẩm thuộc hợp đồng cho bên khác, và hoàn trả vật tư ứng trước theo thỏa thuận.",
      en: "Party B is entitled to full and timely payment and to witness the weighing and grading; it must have the households produce as agreed, deliver the agreed quantity and quality, not sell produce under this contract to anyone else, and repay advanced inputs as agreed.",
    },
  },
  risk: {
    required: true,
    title: { vi: "Xử lý rủi ro và bất khả kháng", en: "Risk and force majeure" },
    text: {
      vi: "Khi xảy ra thiên tai, dịch bệnh hoặc sự kiện bất khả kháng khác theo Điều 156 Bộ luật Dân sự 2015, bên bị ảnh hưởng thông báo cho bên kia trong vòng 7 ngày; hai bên cùng xác định thiệt hại, điều chỉnh số lượng, thời gian giao nhận và việc thu hồi vật tư ứng trước, và không bên nào bị phạt vì phần nghĩa vụ không thực hiện được do sự kiện đó.",
      en: "If natural disaster, epidemic or another force majeure event under Article 156 of the 2015 Civil Code occurs, the affected party notifies the other within 7 days; together they assess the loss and adjust the quantity, delivery time and recovery of advanced inputs, and neither is penalised for what the event prevented.",
    },
  },
  penalties: {
    required: true,
    title: { vi: "Vi phạm hợp đồng, phạt vi phạm và chấm dứt hợp đồng", en: "Breach, penalties and termination" },
    text: {
      vi: "Bên vi phạm nghĩa vụ phải bồi thường thiệt hại thực tế cho bên kia và chịu phạt vi phạm 8% giá trị phần nghĩa vụ bị vi phạm. Một bên được đơn phương chấm dứt hợp đồng khi bên kia vi phạm nghiêm trọng và không khắc phục trong vòng 15 ngày kể từ khi nhận thông báo bằng văn bản; các khoản đã giao nhận được thanh toán đầy đủ.",
      en: "A party in breach compensates the other's actual loss and pays a penalty of 8% of the value of the obligation breached. Either party may terminate the contract if the other commits a serious breach and does not remedy it within 15 days of written notice; what was delivered is paid in full.",
    },
  },
  disputes: {
    required: true,
    title: { vi: "Giải quyết tranh chấp", en: "Dispute resolution" },
    text: {
      vi: "Tranh chấp được giải quyết trước hết bằng thương lượng, hòa giải, có thể với sự tham gia của Ủy ban nhân dân xã nơi Bên B sản xuất. Nếu không hòa giải được, một bên có quyền yêu cầu Tòa án nhân dân có thẩm quyền giải quyết theo quy định của pháp luật.",
      en: "Disputes are settled first by negotiation and conciliation, which the People's Committee of the commune where Party B produces may join. Failing that, either party may bring the dispute before the competent People's Court as the law provides.",
    },
  },
  validity: {
    required: true,
    title: { vi: "Hiệu lực và số bản hợp đồng", en: "Validity and copies" },
    text: {
      vi: "Hợp đồng có hiệu lực từ ngày ký đến khi hai bên hoàn thành nghĩa vụ của {season}. Hợp đồng được lập thành 02 bản có giá trị pháp lý như nhau, mỗi bên giữ 01 bản; Phụ lục là bộ phận không tách rời của hợp đồng.",
      en: "The contract takes effect on signing and lasts until both parties have fulfilled their obligations for {season}. It is made in 02 copies of equal legal force, one for each party; the Annex is an integral part of the contract.",
    },
  },
};

/** The buyer's rewording: only the articles that differ from the default, by key. */
export const clauseSetSchema = z.partialRecord(z.enum(CLAUSE_KEYS), z.string().max(4000));
export type ClauseSet = Partial<Record<ClauseKey, string>>;

/** A stored clause set; anything unreadable reads as the defaults. */
export function readClauses(json: string | null | undefined): ClauseSet {
  if (!json) return {};
  try {
    const parsed = clauseSetSchema.safeParse(JSON.parse(json));
    return parsed.success ? (parsed.data as ClauseSet) : {};
  } catch {
    return {};
  }
}

/**
 * The editor posts every article as `clause.<key>`. A text equal to the Vietnamese default is
 * not a rewording; an empty required article is a field error; an empty optional one is left out.
 */
export function clausesFromForm(form: Record<string, unknown>): { clauses: ClauseSet; errors: Record<string, string[]> } {
  const clauses: ClauseSet = {};
  const errors: Record<string, string[]> = {};
  for (const key of CLAUSE_KEYS) {
    const raw = form[`clause.${key}`];
    if (raw === undefined) continue;
    const value = String(Array.isArray(raw) ? raw[0] : raw)
      .normalize("NFC")
      .replace(/\r\n/g, "\n")
      .trim();
    if (!value && CLAUSES[key].required) errors[`clause.${key}`] = ["contract.clause.required"];
    else if (value.length > 4000) errors[`clause.${key}`] = ["error.tooLong"];
    else if (value !== CLAUSES[key].text.vi) clauses[key] = value;
  }
  return { clauses, errors };
}

/** The JSON kept on an offer or a contract; null when nothing differs from the defaults. */
export function clausesJson(set: ClauseSet): string | null {
  return Object.keys(set).length ? JSON.stringify(set) : null;
}

/** The wording of an article as agreed: the buyer's, else the default in the document's language. */
export function clauseText(set: ClauseSet, key: ClauseKey, lang: ClauseLang): string {
  return set[key] ?? CLAUSES[key].text[lang];
}

/** "{areaHa} ha" → "6,5 ha"; a placeholder with no value is left visible, so a typo shows. */
export function fillClause(text: string, values: Record<string, string>): string {
  return text.replace(/\{(\w+)\}/g, (m, name: string) => values[name] ?? m);
}
