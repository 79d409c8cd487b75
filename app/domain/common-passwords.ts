// Passwords of 8 characters or more that people choose most often (the top of the public
// breach-corpus lists, and their Vietnamese counterparts), lower case. Shorter ones are refused
// by length already. Not exhaustive: it stops the guesses an attacker tries first
// (docs/decisions/0014-passwords.md).
export const COMMON_PASSWORDS: ReadonlySet<string> = new Set([
  // digits
  "12345678", "123456789", "1234567890", "12345678910", "0123456789", "01234567", "987654321", "9876543210",
  "0987654321", "87654321", "123123123", "123321123", "12341234", "11223344", "112233445566", "123456780",
  "147258369", "123654789", "741852963", "789456123", "159753456", "147852369", "159357456", "852456123",
  "5201314520", "520131400", "1234554321", "1234512345", "2580258025", "19001900", "20202020", "11112222",
  // keyboard walks and letters
  "qwertyuiop", "qwertyui", "qwerty123", "qwerty12", "qwerty1234", "qwerty12345", "asdfghjkl", "asdfghjk",
  "asdf1234", "zxcvbnm1", "zxcvbnm123", "zxcvbnma", "1qaz2wsx", "1qaz2wsx3edc", "zaq12wsx", "12qwaszx", "1q2w3e4r",
  "1q2w3e4r5t", "1q2w3e4r5t6y", "q1w2e3r4", "q1w2e3r4t5", "q1w2e3r4t5y6", "1234qwer", "qwer1234", "qweasdzxc",
  "abcd1234", "abc12345", "abc123456", "abcdefgh", "abcdefg1", "abcd12345", "aa123456", "a1234567", "a12345678",
  "aa12345678", "a123456789", "1234abcd", "12345abc", "123456abc", "123456aa", "123456a@", "abc@1234", "abc@123456",
  // words
  "password", "password1", "password12", "password123", "password1234", "passw0rd", "p@ssw0rd", "p@ssword",
  "p@ssword1", "pass1234", "pass12345", "passpass", "iloveyou", "iloveyou1", "iloveyou2", "sunshine", "princess",
  "football", "baseball", "welcome1", "welcome123", "superman", "batman123", "trustno1", "starwars", "whatever",
  "computer", "internet", "michelle", "jennifer", "mercedes", "corvette", "charlie1", "letmein1", "admin123",
  "admin1234", "admin12345", "administrator", "root1234", "changeme", "default1", "test1234", "testtest",
  "monkey12", "dragon12", "hello123", "helloworld", "loveyou1", "lovelove", "woaini1314", "secret12", "google123",
  "facebook", "facebook1", "samsung1", "iphone12", "nopassword", "master12", "killer12", "shadow12", "zxcvbnm12",
  // Vietnamese
  "matkhau1", "matkhau12", "matkhau123", "matkhau1234", "matkhau@123", "matkhaumoi", "anhyeuem", "anhyeuem1",
  "anhyeuem123", "anhyeuem1234", "emyeuanh", "emyeuanh1", "emyeuanh123", "yeuem123", "yeuanh123", "yeuemnhieu",
  "iuem1234", "vietnam1", "vietnam123", "vietnam@123", "vietnam1234", "hanoi123", "hanoi1234", "saigon123",
  "hochiminh", "hoanganh", "nguyenvan", "nguyen123", "tranvan123", "conyeume", "giadinh1", "hanhphuc", "hanhphuc1",
  "12345678a", "123456789a", "123456789@", "123456@a", "asd123456", "qwe123456", "zxc123456", "aaa123456",
  // this app and its demo (the demo password is printed in the README)
  "caunoi123", "caunoi1234", "caunoi2026", "caunoi-demo-2026", "caunoidemo", "matkhaucaunoi",
]);
