// The ALSFRS-R in plain words, for a patient answering at home and for the FHIR Questionnaire: the project's
// own wording of each item and answer (docs/domain.md, "ALSFRS-R": the scale of Cedarbaum et al. 1999; the
// self-explanatory ALSFRS-R-SE of Maier et al. 2022 shows patients can answer it alone). Scores 4 (normal)
// to 0.
#include <array>

#include "alsmeds/records/alsfrs.hpp"

namespace alsmeds {
namespace {

struct ItemWording {
  std::string_view question;
  std::array<std::string_view, 5> answers;  // by score, 0 to 4
};

// Items 1-12 with 5a at index 4; 5b (with gastrostomy) apart.
constexpr std::array<ItemWording, kAlsfrsItems> kItems{{
    {"How is your speech?",
     {"I cannot speak in a way others understand", "I speak, and also use other ways (writing, a device)",
      "People sometimes ask me to say it again", "Others notice a change, but they understand me",
      "I speak normally"}},
    {"Saliva in your mouth",
     {"I drool so much that I need a tissue or cloth all the time", "Much too much saliva; I drool often",
      "Clearly too much saliva; I drool a little at times", "A little too much saliva; I may drool at night",
      "Normal"}},
    {"Swallowing",
     {"I take nothing by mouth; I am fed only by tube", "I need tube feeding besides what I eat",
      "I need food made soft, cut small or thickened", "Now and then I choke or swallow with trouble",
      "I eat and drink normally"}},
    {"Handwriting",
     {"I cannot hold a pen", "I can hold a pen but cannot write words", "Not every word can be read",
      "Slower or untidier, but every word can be read", "Normal"}},
    {"Cutting food and using a fork and knife",
     {"Someone has to feed me", "Someone cuts my food; I still eat by myself, slowly",
      "I can cut most foods, slowly and clumsily; I need some help", "Slow and clumsy, but I need no help",
      "Normal"}},
    {"Dressing and washing yourself",
     {"Someone does it all for me", "I need someone's help",
      "Now and then I need help, or I do it another way", "I do it all myself, with effort or more slowly",
      "I do it all normally"}},
    {"Turning in bed and pulling up the covers",
     {"I cannot do it at all", "I can start but cannot finish alone",
      "I can do it alone, but with great difficulty", "Slower and clumsier, but I need no help", "Normal"}},
    {"Walking",
     {"I cannot move my legs on purpose", "I can move my legs but cannot walk",
      "I walk with help (a stick, a frame, a person)", "I walk with some difficulty", "Normal"}},
    {"Climbing stairs",
     {"I cannot climb stairs", "I need someone's help", "I am a little unsteady or I tire", "Slower",
      "Normal"}},
    {"Shortness of breath",
     {"So short of breath that a breathing machine is needed or being considered",
      "At rest, sitting or lying down", "When eating, washing or dressing", "When I walk", "None"}},
    {"Breathing when lying down",
     {"I cannot sleep for shortness of breath", "I can only sleep sitting up",
      "I need more than two pillows to sleep",
      "Some trouble sleeping for shortness of breath; two pillows or fewer are enough", "No trouble"}},
    {"Breathing support (a mask machine such as BiPAP, or a ventilator)",
     {"A ventilator through a tube in the windpipe", "The mask machine day and night",
      "The mask machine all night", "The mask machine now and then", "None"}},
}};

constexpr ItemWording kItem5b{
    "Handling your feeding tube (with a gastrostomy)",
    {"I cannot do any part of it", "I give the person helping me only a little help",
     "I need some help with caps and fasteners", "Clumsy, but I do all of it myself", "Normal"}};

const ItemWording& wording(int index, bool gastrostomy) {
  return index == 4 && gastrostomy ? kItem5b : kItems.at(static_cast<std::size_t>(index));
}

}  // namespace

std::string_view alsfrs_question(int index, bool gastrostomy) {
  return wording(index, gastrostomy).question;
}

std::string_view alsfrs_answer(int index, bool gastrostomy, int score) {
  return wording(index, gastrostomy).answers.at(static_cast<std::size_t>(score));
}

}  // namespace alsmeds
