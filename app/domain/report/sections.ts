// The sections of the report, in the order of the MARD template for NGOs and development
// organisations (seeds/001, second outline: "ĐỀ CƯƠNG ... DO CÁC TỔ CHỨC PHI CHÍNH PHỦ, TỔ CHỨC PHÁT
// TRIỂN THỰC HIỆN Ở VIỆT NAM", attached to official letter 247/KTHT-GN of 10 June 2013; a copy is
// tests/fixtures/seeds/001-mard-2013-outlines.txt, which the tests read to check this list).
// Headings are the template's words with its typos mended ("THÔNG TING", "Việt nam"); the
// template numbers the beneficiaries section a second "1.7": it is printed as 1.9
// (docs/decisions/0024-mard-report.md). `guide` is the template's note on what to write, shown
// beside the text box, not printed.

/** Where a section's content comes from: headings only, figures, words the project owner writes, or both. */
export type SectionKind = "part" | "figures" | "text" | "both";

export type Section = {
  key: string;
  /** The number printed before the heading (null: a part heading in capitals). */
  number: string | null;
  vi: string;
  en: string;
  kind: SectionKind;
  guide?: { vi: string; en: string };
};

export const SECTIONS: readonly Section[] = [
  { key: "general", number: null, vi: "THÔNG TIN CHUNG", en: "GENERAL INFORMATION", kind: "part" },
  { key: "org.name", number: "1", vi: "Tên tổ chức", en: "Name of the organisation", kind: "figures" },
  { key: "org.address", number: "2", vi: "Địa chỉ ở Việt Nam, điện thoại, email", en: "Address in Viet Nam, telephone, email", kind: "text" },
  { key: "org.area", number: "3", vi: "Vùng hoạt động ở Việt Nam", en: "Area of operation in Viet Nam", kind: "both" },
  { key: "org.representative", number: "4", vi: "Người đại diện cung cấp thông tin", en: "Representative providing the information", kind: "figures" },
  {
    key: "model",
    number: null,
    vi: "MÔ HÌNH/DỰ ÁN PHÁT TRIỂN SẢN XUẤT VÀ SINH KẾ",
    en: "PRODUCTION-DEVELOPMENT AND LIVELIHOOD MODEL/PROJECT",
    kind: "part",
  },
  { key: "1", number: "1", vi: "Thông tin về mô hình/dự án", en: "About the model/project", kind: "part" },
  { key: "1.1", number: "1.1", vi: "Tên mô hình/dự án", en: "Name of the model/project", kind: "figures" },
  { key: "1.2", number: "1.2", vi: "Địa điểm", en: "Location", kind: "figures" },
  { key: "1.3", number: "1.3", vi: "Thời gian thực hiện", en: "Duration", kind: "figures" },
  {
    key: "1.4",
    number: "1.4",
    vi: "Quy mô",
    en: "Scale",
    kind: "figures",
    guide: {
      vi: "số tỉnh, huyện, số xã, số bản, diện tích, số hộ hoặc người tham gia trực tiếp …",
      en: "provinces, districts, communes, hamlets, area, households or people taking part directly…",
    },
  },
  { key: "1.5", number: "1.5", vi: "Mục tiêu", en: "Objectives", kind: "figures" },
  { key: "1.6", number: "1.6", vi: "Các hoạt động chính", en: "Main activities", kind: "text" },
  { key: "1.7", number: "1.7", vi: "Các kết quả chính của dự án", en: "Main results of the project", kind: "figures" },
  {
    key: "1.8",
    number: "1.8",
    vi: "Tác động kinh tế, xã hội, môi trường của dự án",
    en: "Economic, social and environmental impacts of the project",
    kind: "both",
  },
  { key: "1.9", number: "1.9", vi: "Nhóm hưởng lợi trực tiếp và tiêu thức lựa chọn", en: "Direct beneficiaries and how they were selected", kind: "figures" },
  {
    key: "2",
    number: "2",
    vi: "Quá trình xây dựng và thực hiện mô hình/dự án",
    en: "How the model/project was designed and carried out",
    kind: "part",
    guide: {
      vi: "Có thể ghi chung của cả tổ chức hoặc ghi riêng cho từng mô hình/dự án",
      en: "May be written for the whole organisation or for each model/project",
    },
  },
  {
    key: "2.1",
    number: "2.1",
    vi: "Các tiếp cận chính trong xây dựng và triển khai mô hình/dự án",
    en: "Main approaches in designing and carrying out the model/project",
    kind: "text",
    guide: {
      vi: "với mỗi tiếp cận sẽ ghi các thông tin chính như tên tiếp cận, vận dụng cụ thể, lợi ích sử dụng tiếp cận…",
      en: "for each approach: its name, how it was applied, what it brought…",
    },
  },
  {
    key: "2.2",
    number: "2.2",
    vi: "Xây dựng mô hình/dự án",
    en: "Designing the model/project",
    kind: "text",
    guide: {
      vi: "Dựa vào nhu cầu của ai để xây dựng, trách nhiệm chính trong xây dựng dự án, sự phối hợp giữa các bên liên quan để xây dựng dự án",
      en: "whose needs it was built on, who was mainly responsible, how the parties worked together to design it",
    },
  },
  {
    key: "2.3",
    number: "2.3",
    vi: "Phê duyệt mô hình/dự án",
    en: "Approval of the model/project",
    kind: "text",
    guide: {
      vi: "thủ tục phê duyệt, các bước phê duyệt, các cấp liên quan trong phê duyệt, thời gian phê duyệt…",
      en: "approval procedure, its steps, the levels of government involved, how long it took…",
    },
  },
  {
    key: "2.4",
    number: "2.4",
    vi: "Tổ chức thực hiện mô hình/dự án",
    en: "Carrying out the model/project",
    kind: "text",
    guide: {
      vi: "quản lý dự án, cách tổ chức hoạt động, đơn vị phối hợp, mô hình hoạt động là hộ/nhóm/cộng đồng/thôn xã, vai trò của các bên, …",
      en: "project management, how activities were organised, partners, whether it works through households/groups/communities/villages, each party's role…",
    },
  },
  {
    key: "2.5",
    number: "2.5",
    vi: "Giám sát & đánh giá mô hình/dự án",
    en: "Monitoring & evaluation of the model/project",
    kind: "text",
    guide: {
      vi: "cách giám sát & đánh giá, vai trò của các bên trong giám sát & đánh giá, các công cụ giám sát đánh giá…",
      en: "how it is monitored and evaluated, each party's role, the tools used…",
    },
  },
  {
    key: "2.6",
    number: "2.6",
    vi: "Phổ biến và nhân rộng mô hình/dự án",
    en: "Spreading and scaling up the model/project",
    kind: "text",
    guide: {
      vi: "cách phổ biến và nhân rộng, vai trò chính trong phổ biến và nhân rộng, cách thức chuyển giao mô hình/dự án, kết quả nhân rộng mô hình",
      en: "how it is spread and scaled up, who leads it, how the model is handed over, what scaling up achieved",
    },
  },
  {
    key: "2.7",
    number: "2.7",
    vi: "Đóng góp các nguồn lực cho mô hình/dự án",
    en: "Resources contributed to the model/project",
    kind: "both",
    guide: {
      vi: "cách thức đóng góp các nguồn lực tài chính, lao động, khả năng, quan hệ… từ các tổ chức tài trợ, tổ chức phối hợp, địa phương và người hưởng lợi",
      en: "how donors, partners, the locality and beneficiaries contributed money, labour, skills, relations…",
    },
  },
  {
    key: "2.8",
    number: "2.8",
    vi: "Các biện pháp giúp mô hình/dự án bền vững",
    en: "Measures that make the model/project sustainable",
    kind: "both",
    guide: {
      vi: "biện pháp với cộng đồng/hộ hiện đang tham gia dự án; với bên nhận/chuẩn bị tiếp nhận chuyển giao dự án; vận động chính sách; biện pháp khác",
      en: "measures with the communities/households taking part; with those taking the project over; policy advocacy; other measures",
    },
  },
  {
    key: "3",
    number: "3",
    vi: "Bài học kinh nghiệm trong xây dựng và triển khai các mô hình/dự án",
    en: "Lessons learned in designing and carrying out the models/projects",
    kind: "text",
    guide: {
      vi: "quy trình từ đề xuất ý tưởng đến nhân rộng; trao quyền cho địa phương và cộng đồng; phát huy kết quả các mô hình đã có trên địa bàn; phát huy hỗ trợ từ bên ngoài và nguồn lực tại chỗ",
      en: "the process from idea to scaling up; empowering the locality and community; building on earlier models in the area; combining outside support with local resources",
    },
  },
  {
    key: "4",
    number: "4",
    vi: "Những thuận lợi khó khăn và đề xuất",
    en: "Advantages, difficulties and recommendations",
    kind: "text",
    guide: {
      vi: "thuận lợi, khó khăn; khả năng và điều kiện nhân rộng; chiến lược của tổ chức; đề xuất với địa phương, Chính phủ, NGOs và đối tác phát triển",
      en: "advantages and difficulties; whether and how it can be scaled up; the organisation's strategy; recommendations to the locality, government, NGOs and development partners",
    },
  },
  {
    key: "5",
    number: "5",
    vi: "Gợi ý một mô hình/dự án điển hình của tổ chức giúp cho Cục KTHT&PTNT khảo sát chuyên sâu trong các đợt làm việc tại thực tế",
    en: "A typical model/project of the organisation the Department could study in depth on its field visits",
    kind: "text",
  },
];

/** The words the project owner writes and keeps per period: the narrative sections, then the signature. */
export const TEXT_SECTIONS = SECTIONS.filter((s) => s.kind === "text" || s.kind === "both").map((s) => s.key);
export const SIGNATURE_KEYS = ["signer", "signerTitle", "reportDate"] as const;
export const TEXT_KEYS = [...TEXT_SECTIONS, ...SIGNATURE_KEYS] as const;

export function sectionHeading(s: Section, locale: "vi" | "en"): string {
  const words = locale === "en" ? s.en : s.vi;
  return s.number ? `${s.number}. ${words}` : words;
}
